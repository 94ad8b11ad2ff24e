#!/usr/bin/env node
'use strict';
// Start-up is a feature here: compiling the bundle is a tenth of a run. So
// the compiled code is cached next to it, as V8 code cache. Node 22 does
// this itself (module.enableCompileCache); on Node 20 this file does what the
// v8-compile-cache package did: compile with the cache, and write a new one
// when there is none or V8 rejects it (another Node version).
const Module = require('node:module');
const path = require('node:path');

const file = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (typeof Module.enableCompileCache === 'function') {
  Module.enableCompileCache();
  require(file);
} else {
  const { readFileSync, renameSync, writeFileSync } = require('node:fs');
  const { Script } = require('node:vm');
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // The bundle loads late modules with require, never import(), which a Script cannot resolve here.
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, path.dirname(file));
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('beforeExit', () => {
      try {
        const temporary = `${cacheFile}.${process.pid}`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile); // whole, even when two runs race
      } catch {
        // A read-only install runs without the cache: slower to start, same results.
      }
    });
  }
}

# The sigmoid neuron over every line of a JSON Lines file with micrograd's
# Value, as a student's loop would: build the graph, backward, print f and
# its gradients as one JSON line each. micrograd is not vendored here: point
# MICROGRAD_DIR at a checkout of karpathy/micrograd (PyPI's package works too).
# micrograd has no exp; it is added as micrograd adds its other ops.
import json, math, os, sys

sys.path.insert(0, os.environ.get('MICROGRAD_DIR', ''))
from micrograd.engine import Value


def exp(v):
    out = Value(math.exp(v.data), (v,), 'exp')

    def _backward():
        v.grad += out.data * out.grad

    out._backward = _backward
    return out


names = ['w0', 'x0', 'w1', 'x1', 'w2', 'x2']
write = sys.stdout.write
for line in open(sys.argv[1]):
    if not line.strip():
        continue
    case = json.loads(line)
    v = {k: Value(case['vars'][k]) for k in names}
    f = 1 / (1 + exp(-(v['w0'] * v['x0'] + v['w1'] * v['x1'] + v['w2'] * v['x2'])))
    f.backward()
    write(json.dumps({'id': case.get('id'), 'value': f.data, 'gradients': {k: v[k].grad for k in names}}) + '\n')

# PyTorch, float64, one thread: the 2-layer net loss of bench/net-step.mjs,
# warm forward + backward, median of 30 runs. With a --vars file, the whole
# job as a process does it: read the JSON, build tensors, forward, backward.
# Usage: python3 torch_net.py BATCH  |  python3 torch_net.py --vars FILE
import json
import sys
import time

import torch

torch.set_num_threads(1)
if sys.argv[1] == "--vars":
    with open(sys.argv[2]) as f:
        v = json.load(f)
    W1, W2, x = (torch.tensor(v[k], dtype=torch.float64, requires_grad=True) for k in ("W1", "W2", "x"))
    t = torch.tensor(v["t"], dtype=torch.float64)
    ((W2 @ torch.relu(W1 @ x) - t) ** 2).sum().backward()
    print(json.dumps({"x0": W1.grad[0][0].item()}))
    sys.exit(0)

batch = int(sys.argv[1])
shape = (lambda rows: (rows,)) if batch == 1 else (lambda rows: (rows, batch))
W1 = (torch.rand(512, 512, dtype=torch.float64) * 0.1 - 0.05).requires_grad_()
W2 = (torch.rand(10, 512, dtype=torch.float64) * 0.1 - 0.05).requires_grad_()
x = (torch.rand(*shape(512), dtype=torch.float64) * 0.1 - 0.05).requires_grad_()
t = torch.rand(*shape(10), dtype=torch.float64)
times = []
for r in range(35):
    start = time.perf_counter()
    for p in (W1, W2, x):
        p.grad = None
    ((W2 @ torch.relu(W1 @ x) - t) ** 2).sum().backward()
    if r >= 5:
        times.append((time.perf_counter() - start) * 1000)
times.sort()
print(json.dumps({"batch": batch, "torch": times[len(times) // 2]}))

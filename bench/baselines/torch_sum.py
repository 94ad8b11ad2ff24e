# PyTorch on the scale benchmark's graph: the same terms as bench/gen.mjs,
# scalar tensors in float64, summed flat or as a balanced tree, then backward.
# Usage: python3 torch_sum.py TERMS flat|balanced
import json
import sys

import torch

n, shape = int(sys.argv[1]), sys.argv[2]
x = torch.tensor(0.7, dtype=torch.float64, requires_grad=True)


def term(i):
    a = round(((i * 37) % 19) / 10 - 0.9, 1)
    b = round(((i * 11) % 13) / 10 - 0.6, 1)
    return torch.relu(a * x + b) * ((i % 5) + 1)


terms = [term(i) for i in range(n)]
if shape == "flat":
    total = terms[0]
    for t in terms[1:]:
        total = total + t
else:
    while len(terms) > 1:
        terms = [terms[i] + terms[i + 1] if i + 1 < len(terms) else terms[i] for i in range(0, len(terms), 2)]
    total = terms[0]
total.backward()
print(json.dumps({"value": total.item(), "x": x.grad.item()}))

#!/usr/bin/env python3
"""Architecture invariant: within each crate, modules do not import each other in a circle.

Reads every `crates/*/src/**/*.rs` (test modules left out), takes each `crate::a` or
`crate::a::b` path as an edge to the module it names, and prints every strongly connected
group of more than one module. Exits 1 when there is one.
"""
import os
import re
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates")
found = []
for crate in sorted(os.listdir(root)):
    src = os.path.join(root, crate, "src")
    modules = {}
    for folder, _, files in os.walk(src):
        for name in files:
            if name.endswith(".rs"):
                path = os.path.join(folder, name)
                module = os.path.relpath(path, src)[:-3].replace(os.sep, "::")
                module = re.sub(r"::mod$", "", module)
                with open(path, encoding="utf-8") as f:
                    modules[module] = f.read().split("#[cfg(test)]")[0]
    edges = {m: set() for m in modules}
    for module, text in modules.items():
        for path in re.findall(r"crate::([a-z_]+(?:::[a-z_]+)?)", text):
            for target in (path, path.split("::")[0]):
                if target in modules and target != module and not module.startswith(target + "::"):
                    edges[module].add(target)
                    break
    # Tarjan's strongly connected components.
    index, low, stack, on_stack, counter = {}, {}, [], set(), [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(f"{crate}: {', '.join(sorted(group))}")

    for v in sorted(modules):
        if v not in index:
            visit(v)

for line in found:
    print(f"architecture violation: modules import each other in a circle in {line}", file=sys.stderr)
sys.exit(1 if found else 0)

"""In-process timing of one tool on one pair; run by run.py as a child (via _measure.py).

    python benchmarks/_worker.py TOOL A B

TOOL is one of:
  difflib       difflib.SequenceMatcher(None, a_words, b_words, autojunk=False).get_opcodes()
                with words = str.split() (whitespace-separated, as git --word-diff);
  collatex      collatex.Collation with A and B as two plain witnesses, collate(..., output="json");
  textdiff-lib  textdiff.compare(path_a, path_b) (its API takes two paths; if its first parameter
                is not a path, the two strings are passed instead).
Prints one JSON line: {"inner": seconds for the operation alone (after reading the files and
importing the library), "import": seconds to import the library, ...}.
"""

import inspect
import json
import sys
import time


def read(path):
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def main():
    tool, a_path, b_path = sys.argv[1:4]
    a, b = read(a_path), read(b_path)
    info = {}
    if tool == "difflib":
        t0 = time.perf_counter()
        import difflib

        t1 = time.perf_counter()
        aw, bw = a.split(), b.split()
        t2 = time.perf_counter()
        ops = difflib.SequenceMatcher(None, aw, bw, autojunk=False).get_opcodes()
        t3 = time.perf_counter()
        info = {
            "import": t1 - t0,
            "tokenize": t2 - t1,
            "match": t3 - t2,
            "inner": t3 - t1,
            "a_words": len(aw),
            "b_words": len(bw),
            "changed_opcodes": sum(1 for op in ops if op[0] != "equal"),
        }
    elif tool == "collatex":
        t0 = time.perf_counter()
        from collatex import Collation, collate

        t1 = time.perf_counter()
        c = Collation()
        c.add_plain_witness("A", a)
        c.add_plain_witness("B", b)
        out = collate(c, output="json")
        t2 = time.perf_counter()
        info = {"import": t1 - t0, "inner": t2 - t1, "output_chars": len(out)}
    elif tool == "textdiff-lib":
        t0 = time.perf_counter()
        import textdiff

        args = (a, b)
        try:
            first = next(iter(inspect.signature(textdiff.compare).parameters))
            if "path" in first or hasattr(textdiff, "compare_texts"):
                args = (a_path, b_path)
        except (TypeError, ValueError, StopIteration):
            pass
        t1 = time.perf_counter()
        result = textdiff.compare(*args)
        if hasattr(result, "__next__"):  # a lazy result: consume it
            result = list(result)
        t2 = time.perf_counter()
        info = {
            "import": t1 - t0,
            "inner": t2 - t1,
            "result_type": type(result).__name__,
            "called_with": "paths" if args[0] is a_path else "strings",
        }
    else:
        raise SystemExit(f"_worker: unknown tool {tool!r}")
    print(json.dumps(info))


if __name__ == "__main__":
    main()

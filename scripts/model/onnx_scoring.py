"""Score pairs with an exported ONNX file in onnxruntime (Python), for choosing and calibrating.

The shipped metrics come from the TypeScript grader (npm run model:eval); these figures only
choose between candidate files during the build.
"""

from __future__ import annotations

import numpy as np
import onnxruntime
from transformers import AutoTokenizer

MAX_SEQUENCE_LENGTH = 256


class OnnxScorer:
    def __init__(self, model_path: str, tokenizer_dir: str, threads: int = 2) -> None:
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])
        self.input_names = [i.name for i in self.session.get_inputs()]
        self.tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)

    def logits(self, pairs: list[tuple[str, str]], batch_size: int = 1) -> np.ndarray:
        """Return one logit per pair.

        One pair per run by default, as the app grades: dynamic int8 quantization scales the
        activations by the whole run's range, so a batched pair's logit depends on its
        neighbours (mean |difference| 0.10 logit on STS-B dev, measured on this model).
        """
        out: list[np.ndarray] = []
        # Sorting by length keeps padding small; the results are put back in input order.
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        for start in range(0, len(order), batch_size):
            chunk = [pairs[i] for i in order[start : start + batch_size]]
            encoded = self.tokenizer(
                [a for a, _ in chunk],
                [b for _, b in chunk],
                padding=True,
                truncation="longest_first",
                max_length=MAX_SEQUENCE_LENGTH,
                return_tensors="np",
            )
            feeds = {name: encoded[name].astype(np.int64) for name in self.input_names}
            out.append(self.session.run(["logits"], feeds)[0][:, 0])
        flat = np.concatenate(out) if out else np.zeros(0)
        result = np.empty(len(pairs), dtype=np.float64)
        result[order] = flat
        return result

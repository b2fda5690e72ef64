"""Export a trained cross-encoder to ONNX and quantize it to int8 two ways.

Writes `model.fp32.onnx`, `model.int8-per-tensor.onnx` and `model.int8-per-channel.onnx`
into the output folder. build.py keeps whichever int8 file loses less on STS-B dev.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import onnx
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from transformers import AutoModelForSequenceClassification

INPUT_NAMES = ["input_ids", "attention_mask", "token_type_ids"]
OPSET = 17


def export_fp32(model_dir: Path, out_path: Path) -> None:
    # Eager attention traces to plain MatMul/Softmax nodes that every onnxruntime backend runs.
    model = AutoModelForSequenceClassification.from_pretrained(model_dir, attn_implementation="eager")
    model.eval()
    dummy = {
        "input_ids": torch.tensor([[101, 2023, 2003, 102, 2009, 102]], dtype=torch.long),
        "attention_mask": torch.ones(1, 6, dtype=torch.long),
        "token_type_ids": torch.tensor([[0, 0, 0, 0, 1, 1]], dtype=torch.long),
    }
    dynamic_axes = {name: {0: "batch", 1: "sequence"} for name in INPUT_NAMES}
    dynamic_axes["logits"] = {0: "batch"}
    with torch.no_grad():
        torch.onnx.export(
            model,
            (dummy["input_ids"], dummy["attention_mask"], dummy["token_type_ids"]),
            str(out_path),
            input_names=INPUT_NAMES,
            output_names=["logits"],
            dynamic_axes=dynamic_axes,
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )
    onnx.checker.check_model(str(out_path))


def quantize(fp32_path: Path, out_path: Path, per_channel: bool) -> None:
    """Dynamic int8 quantization: int8 symmetric weights, uint8 activations quantized at run time.

    With per_channel=False and reduce_range=False this is the configuration that
    optimum calls AVX-512 VNNI (per-tensor weights, full 8-bit range).
    """
    quantize_dynamic(
        model_input=str(fp32_path),
        model_output=str(out_path),
        weight_type=QuantType.QInt8,
        per_channel=per_channel,
        reduce_range=False,
        extra_options={"WeightSymmetric": True, "ActivationSymmetric": False},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", required=True, help="folder of the trained PyTorch model")
    parser.add_argument("--out", required=True, help="folder to write the ONNX files to")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    fp32 = out / "model.fp32.onnx"
    export_fp32(Path(args.model), fp32)
    quantize(fp32, out / "model.int8-per-tensor.onnx", per_channel=False)
    quantize(fp32, out / "model.int8-per-channel.onnx", per_channel=True)
    for path in sorted(out.glob("*.onnx")):
        print(f"{path.name}\t{path.stat().st_size} bytes")


if __name__ == "__main__":
    main()

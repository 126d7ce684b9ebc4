"""Writes the tiny TorchScript VLM that TorchScriptBackendTest runs, with its metadata and reference outputs.

The model follows docs/model-contract.md (format ifl-vlm-torchscript/1). It is tiny and random but deterministic,
and built so that its greedy answers depend on the image and on the steering tensor, which the script checks
before writing anything. CI has no Python: the files this writes are committed, and this script is only run to
regenerate them, with Debian's python3-torch (1.13), whose TorchScript DJL 0.35.1 loads:

    /usr/bin/python3 inference-worker/src/test/python/write_contract_model.py

Writes, under inference-worker/src/test/resources/org/ifl/inferenceworker/torchscript/:
    tiny-vlm.pt                 the scripted model
    tiny-vlm.json               its metadata (the contract's sidecar file)
    tiny-vlm-steering.json      a steering-vector file with a vector for "fr" only
    tiny-vlm-reference.json     prompts and what Python computed for them: greedy ids and first-step logits
"""

import hashlib
import json
import os
import re
import sys

import torch
from torch import nn

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "resources", "org", "ifl",
                       "inferenceworker", "torchscript")

# The reference VLM's byte-level tokenizer (org.ifl.referencevlm.tokenizer.ByteTokenizer).
PAD, BOS, EOS, IMAGE, SEP = 256, 257, 258, 259, 260
VOCAB = 261

WIDTH = 16
LAYERS = 2
CHANNELS = 3
IMAGE_SIZE = 8
PATCH = 4
IMAGE_TOKENS = (IMAGE_SIZE // PATCH) ** 2
MAX_SEQUENCE_LENGTH = 128
MAX_NEW_TOKENS = 8
STEERING_LAYER = 1  # 1-based: added to the output of decoder layer 1, i.e. row 0 of the steering tensor
SEED = 20261122


class DecoderLayer(nn.Module):
    """Causal mixing without attention: each position reads itself and the mean of the real tokens up to it."""

    def __init__(self, width: int):
        super().__init__()
        self.own = nn.Linear(width, width)
        self.prefix = nn.Linear(width, width)

    def forward(self, h: torch.Tensor, count: torch.Tensor) -> torch.Tensor:
        prefix_mean = torch.cumsum(h, dim=1) / count
        return h + torch.tanh(self.own(h) + self.prefix(prefix_mean))


class TinyVlm(nn.Module):
    """(input_ids, attention_mask, pixel_values, has_image, steering) -> last-position logits [B, V]."""

    def __init__(self):
        super().__init__()
        self.image_token_id = IMAGE
        self.patch = PATCH
        self.embed = nn.Embedding(VOCAB, WIDTH)
        self.patch_projection = nn.Linear(CHANNELS * PATCH * PATCH, WIDTH)
        self.layers = nn.ModuleList([DecoderLayer(WIDTH) for _ in range(LAYERS)])
        self.head = nn.Linear(WIDTH, VOCAB)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, pixel_values: torch.Tensor,
                has_image: torch.Tensor, steering: torch.Tensor) -> torch.Tensor:
        mask = attention_mask.to(torch.float32).unsqueeze(-1)  # [B, T, 1]
        h = self.embed(input_ids)  # [B, T, D]

        # Patches in row-major order, each flattened channel-major: [B, N, C*p*p] -> [B, N, D].
        b, c, height, width = pixel_values.shape
        p = self.patch
        patches = pixel_values.reshape(b, c, height // p, p, width // p, p).permute(0, 2, 4, 1, 3, 5)
        patches = patches.reshape(b, (height // p) * (width // p), c * p * p)
        image_embeds = self.patch_projection(patches)

        # The k-th image token of a row takes the k-th patch, as in LLaVA and the reference VLM.
        is_image = (input_ids == self.image_token_id) & (has_image.unsqueeze(1) != 0)
        index = (torch.cumsum(is_image.to(torch.int64), dim=1) - 1).clamp(0, image_embeds.shape[1] - 1)
        gathered = torch.gather(image_embeds, 1, index.unsqueeze(-1).expand(-1, -1, h.shape[2]))
        h = torch.where(is_image.unsqueeze(-1), gathered, h) * mask

        count = torch.cumsum(mask, dim=1).clamp(min=1.0)
        for i, layer in enumerate(self.layers):
            h = (layer(h, count) + steering[i]) * mask
        return self.head(h[:, -1, :])


def build_model() -> TinyVlm:
    torch.manual_seed(SEED)
    model = TinyVlm()
    with torch.no_grad():
        # Larger weights than the default init: peaky logits, so greedy choices have clear margins and the
        # image and steering move them.
        model.embed.weight.mul_(1.5)
        model.patch_projection.weight.mul_(4.0)
        for layer in model.layers:
            layer.own.weight.mul_(2.0)
            layer.prefix.weight.mul_(2.0)
        model.head.weight.mul_(6.0)
    return model.eval()


def utf8(text: str) -> list:
    return list(text.encode("utf-8"))


def image_prompt(question: str) -> list:
    return [IMAGE] * IMAGE_TOKENS + [BOS] + utf8(question) + [SEP]


def text_prompt(description: str, question: str) -> list:
    return [BOS] + utf8(description + "\n" + question) + [SEP]


def synthetic_image() -> list:
    """An 8x8 RGB picture, row-major 0xRRGGBB: a red square on a blue-green gradient."""
    rgb = []
    for y in range(IMAGE_SIZE):
        for x in range(IMAGE_SIZE):
            if 2 <= x <= 5 and 1 <= y <= 4:
                r, g, b = 220, 30, 30
            else:
                r, g, b = 20 + 10 * x, 60 + 20 * y, 200 - 15 * x
            rgb.append((r << 16) | (g << 8) | b)
    return rgb


def pixels(rgb: list) -> torch.Tensor:
    """Channel-major [C, H, W] in [0, 1], as the backend lays an image out (float32 division by 255)."""
    planes = [[(v >> 16) & 0xFF for v in rgb], [(v >> 8) & 0xFF for v in rgb], [v & 0xFF for v in rgb]]
    return (torch.tensor(planes, dtype=torch.float32) / 255.0).reshape(CHANNELS, IMAGE_SIZE, IMAGE_SIZE)


def steering_tensor(vector, scale: float) -> torch.Tensor:
    steer = torch.zeros(LAYERS, WIDTH, dtype=torch.float32)
    if vector is not None:
        steer[STEERING_LAYER - 1] = torch.tensor(vector, dtype=torch.float32) * scale
    return steer


def left_pad(rows: list):
    length = max(len(r) for r in rows)
    ids = [[PAD] * (length - len(r)) + r for r in rows]
    mask = [[0] * (length - len(r)) + [1] * len(r) for r in rows]
    return torch.tensor(ids, dtype=torch.int64), torch.tensor(mask, dtype=torch.int64)


def forward(model, rows: list, images: list, steer: torch.Tensor) -> torch.Tensor:
    ids, mask = left_pad(rows)
    pixel_values = torch.stack([img if img is not None else torch.zeros(CHANNELS, IMAGE_SIZE, IMAGE_SIZE)
                                for img in images])
    has_image = torch.tensor([1 if img is not None else 0 for img in images], dtype=torch.int64)
    with torch.no_grad():
        return model(ids, mask, pixel_values, has_image, steer)


def greedy(model, prompt: list, image, steer: torch.Tensor):
    """Greedy ids for one row (EOS excluded), recomputing the whole sequence each step, and the smallest
    margin between the best and second-best logit over the steps (how robust the choice is to rounding)."""
    sequence = list(prompt)
    generated = []
    smallest_margin = float("inf")
    for _ in range(MAX_NEW_TOKENS):
        logits = forward(model, [sequence], [image], steer)[0]
        top = torch.topk(logits, 2).values
        smallest_margin = min(smallest_margin, float(top[0] - top[1]))
        token = int(torch.argmax(logits))
        if token == EOS:
            break
        generated.append(token)
        sequence.append(token)
    return generated, smallest_margin


def sha256_of(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main() -> None:
    os.makedirs(OUT_DIR, exist_ok=True)
    model = build_model()
    scripted = torch.jit.script(model)
    model_file = os.path.join(OUT_DIR, "tiny-vlm.pt")
    scripted.save(model_file)
    revision = "tiny-vlm.pt@" + sha256_of(model_file)[:12]
    loaded = torch.jit.load(model_file)

    rgb = synthetic_image()
    image = pixels(rgb)
    # Three decimals, so the JSON holds exactly the decimal both Python and Java round to float32.
    torch.manual_seed(SEED + 1)
    french = [round(float(v), 3) for v in torch.randn(WIDTH) * 3.0]
    scale = 1.0
    no_steering = steering_tensor(None, scale)
    to_french = steering_tensor(french, scale)

    question = "What is in the picture?"
    cases = [
        {"name": "text", "arm": "TEXT", "description": "A red square on a blue background.",
         "question": question, "expectedLanguage": "en"},
        {"name": "image", "arm": "IMAGE", "question": question, "expectedLanguage": "en"},
        {"name": "image-steered", "arm": "IMAGE_REMEDY", "question": question, "expectedLanguage": "fr"},
        # A longer question on the image arm: batched with "image", it is the row that makes the other padded.
        {"name": "image-long-question", "arm": "IMAGE",
         "question": "Describe the picture in one short sentence, please.", "expectedLanguage": "en"},
    ]
    for case in cases:
        if case["arm"] == "TEXT":
            prompt, case_image = text_prompt(case["description"], case["question"]), None
        else:
            prompt, case_image = image_prompt(case["question"]), image
        steer = to_french if case["arm"] == "IMAGE_REMEDY" else no_steering
        generated, margin = greedy(loaded, prompt, case_image, steer)
        logits = forward(loaded, [prompt], [case_image], steer)[0]
        # The scripted model must be the eager one.
        eager = forward(model, [prompt], [case_image], steer)[0]
        assert torch.allclose(logits, eager, atol=1e-6), case["name"]
        assert margin > 1e-3, f"{case['name']}: greedy margin {margin} too small to be reproducible elsewhere"
        case["promptIds"] = prompt
        case["generatedIds"] = generated
        case["firstStepLogits"] = [round(float(v), 6) for v in logits]
        case["smallestGreedyMargin"] = round(margin, 6)

    by_name = {c["name"]: c for c in cases}
    generations = [tuple(c["generatedIds"]) for c in cases[:3]]
    assert len(set(generations)) == 3, f"text, image and steered answers must differ: {generations}"
    # The image itself matters, not only the image tokens: another picture changes the answer.
    inverted = 1.0 - image
    other, _ = greedy(loaded, by_name["image"]["promptIds"], inverted, no_steering)
    assert other != by_name["image"]["generatedIds"], "the answer does not depend on the image"

    # Left padding is masked: the two image rows batched give each row's own first-step logits.
    rows = [by_name["image"]["promptIds"], by_name["image-long-question"]["promptIds"]]
    batched = forward(loaded, rows, [image, image], no_steering)
    for row, name in enumerate(["image", "image-long-question"]):
        single = torch.tensor(by_name[name]["firstStepLogits"])
        assert torch.allclose(batched[row], single, atol=1e-5), f"padding leaks into {name}"

    metadata = {
        "format": "ifl-vlm-torchscript/1",
        "description": "Tiny random VLM for the worker's contract test; written by "
                       "inference-worker/src/test/python/write_contract_model.py",
        "tokenizer": "byte-utf8",
        "vocabSize": VOCAB,
        "specialTokens": {"pad": PAD, "bos": BOS, "eos": EOS, "image": IMAGE, "sep": SEP},
        "image": {"size": IMAGE_SIZE, "channels": CHANNELS, "tokens": IMAGE_TOKENS},
        "layers": LAYERS,
        "width": WIDTH,
        "maxSequenceLength": MAX_SEQUENCE_LENGTH,
        "promptLayout": "reference-vlm",
    }
    steering_file = {
        "format": "ifl-steering-vectors/1",
        "modelRevision": revision,
        "layer": STEERING_LAYER,
        "pooling": "mean",
        "scale": scale,
        "source": "random vector (seed %d) for the contract test; not a real language direction" % (SEED + 1),
        "vectors": {"fr": french},
    }
    reference = {
        "modelRevision": revision,
        "torchVersion": torch.__version__,
        "maxNewTokens": MAX_NEW_TOKENS,
        "image": {"width": IMAGE_SIZE, "height": IMAGE_SIZE, "rgb": rgb},
        "cases": cases,
    }
    write_json("tiny-vlm.json", metadata)
    write_json("tiny-vlm-steering.json", steering_file)
    write_json("tiny-vlm-reference.json", reference)
    for case in cases:
        print(f"{case['name']:>20}: {case['generatedIds']} (margin {case['smallestGreedyMargin']})")
    print(f"wrote {revision} ({os.path.getsize(model_file)} bytes) to {os.path.normpath(OUT_DIR)}")


def write_json(name: str, value) -> None:
    text = json.dumps(value, indent=2, ensure_ascii=False)
    # Lists of numbers on one line each: the files stay short enough to read.
    text = re.sub(r"\[\s*(-?[0-9][^\[\]{}\"]*?)\s*\]",
                  lambda m: "[" + ", ".join(part.strip() for part in m.group(1).split(",")) + "]", text)
    with open(os.path.join(OUT_DIR, name), "w", encoding="utf-8") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    sys.exit(main())

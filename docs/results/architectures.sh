#!/usr/bin/env bash
# Draws every model file of experiments/models with `ablate figure` into docs/results/architectures/
# and writes the architecture section of docs/results/README.md (between its two markers).
# Each model at the input its reference count is checked at (libs/models/src/reference-models.spec.ts).
#   bash docs/results/architectures.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=docs/results/architectures
rm -rf "$out" && mkdir -p "$out"
# model file, options: the example shape and classes (and vars) it is drawn with.
MODELS=(
  "fashion-mnist-cnn|--input-shape 28,28,1 --classes 10"
  "lenet|--input-shape 28,28,1 --classes 10"
  "lenet-bn|--input-shape 28,28,1 --classes 10"
  "alexnet|--input-shape 224,224,1 --classes 10"
  "vgg-11|--input-shape 224,224,1 --classes 10"
  "vgg-11-narrow|--input-shape 224,224,1 --classes 10"
  "nin|--input-shape 224,224,1 --classes 10"
  "googlenet|--input-shape 96,96,1 --classes 10"
  "resnet-18|--input-shape 96,96,1 --classes 10"
  "densenet|--input-shape 96,96,1 --classes 10"
  "mobilenet-v1-cifar|--input-shape 32,32,3 --classes 10"
  "mobilenet-v2-cifar|--input-shape 32,32,3 --classes 10"
  "mobilenet-v1-notes|--input-shape 32,32,3 --classes 10"
  "mobilenet-v2-notes|--input-shape 32,32,3 --classes 10"
  "se-cnn|--input-shape 32,32,3 --classes 10 --set vars.se=true"
  "hamida-3d-cnn|--input-shape 5,5,103 --classes 9"
  "hamida-3d-cnn-cbam|--input-shape 5,5,103 --classes 9 --set vars.attention=true"
  "hybridsn|--input-shape 25,25,30 --classes 16 --set vars.bn=true"
  "dncnn|--input-shape 40,40,1 --classes 1 --set vars.depth=17 --set vars.features=64 --set vars.bn=true --set vars.residual=true"
  "sentence-cnn|--input-shape 50 --classes 2 --vocab-size 20002"
  "transformer-classifier|--input-shape 28,28,1 --classes 10"
)
section() {
  echo '<!-- architectures: written by architectures.sh -->'
  echo
  echo '## Architecture figures'
  echo
  echo 'Every model file of [`experiments/models/`](../../experiments/models), drawn by `ablate figure'
  echo '--level blocks --params` ([commands](../commands.md#figure)) at the input named under it: repeated'
  echo 'block calls built alike folded into one box ×N, branches joining, tensor shapes on the edges. Click'
  echo 'for the PDF; each has a TikZ document, a fragment to `\input` and a draw.io file beside it, and a'
  echo 'figure of every layer (`-layers`).'
  for entry in "${MODELS[@]}"; do
    model=${entry%%|*}; options=${entry#*|}
    echo; echo "### $model"; echo
    echo "\`$options\`"; echo
    echo "[![$model]($(basename "$out")/$model.svg)]($(basename "$out")/$model.pdf) ([every layer]($(basename "$out")/$model-layers.pdf))"
  done
  echo
  echo '<!-- end of architectures -->'
}
for entry in "${MODELS[@]}"; do
  model=${entry%%|*}; options=${entry#*|}
  # shellcheck disable=SC2086
  npx tsx apps/runner/src/main.ts figure --model "experiments/models/$model.yaml" $options --level blocks --params --out "$out/blocks" > /dev/null
  # shellcheck disable=SC2086
  npx tsx apps/runner/src/main.ts figure --model "experiments/models/$model.yaml" $options --width page --out "$out/layers" > /dev/null
  for f in "$out/blocks/$model".*  "$out/blocks/$model"-fragment.tex; do mv "$f" "$out/"; done
  # Every layer: the SVG and PDF only (the TikZ and draw.io files are one command away).
  for ext in svg pdf; do mv "$out/layers/$model.$ext" "$out/$model-layers.$ext"; done
  rm -f "$out/layers/"*
done
rmdir "$out/blocks" "$out/layers"
readme=docs/results/README.md
# The section goes just before the studies' gallery (which regenerate.sh rewrites from its marker to the end of the file).
sed '/^<!-- architectures: written by architectures.sh -->$/,/^<!-- end of architectures -->$/d' "$readme" > "$readme.tmp"
section > "$out/section.md"
awk -v section="$out/section.md" '/^## Gallery$/ { while ((getline line < section) > 0) print line; print "" } { print }' "$readme.tmp" > "$readme"
rm "$readme.tmp" "$out/section.md"

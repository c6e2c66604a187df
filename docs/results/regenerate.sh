#!/usr/bin/env bash
# Re-runs every study of docs/results from scratch and publishes its tables and plots here.
# (Without the trial folders, `report --from-csv docs/results/<study>/results.csv` rebuilds the
# tables, and the plots that need only each trial's numbers, from the committed results.csv.)
# Finished trials under results/ are reused (delete results/<experiment>/ to retrain). About 80
# minutes on 2 cores with the native kernels, 50 of them the MobileNetV2 trials of the model comparison.
#   bash docs/results/regenerate.sh [study ...]     (default: all)
#   bash docs/results/regenerate.sh --gallery       (only rewrite the gallery of docs/results/README.md)
set -euo pipefail
cd "$(dirname "$0")/../.."
STUDIES=(quickstart fashion-mnist-cnn fashion-mnist-lr-batch-sensitivity jasper-hybridsn-ablation jasper-hamida jasper-hamida-cbam moffett-abundance fashion-mnist-robustness fashion-mnist-model-comparison austen-sentence-cnn fashion-mnist-dncnn)
[ $# -gt 0 ] && STUDIES=("$@")
[ "${1:-}" = --gallery ] && STUDIES=()
for study in "${STUDIES[@]+"${STUDIES[@]}"}"; do
  # The native kernels, as every committed study used: fail rather than fall back to pure JavaScript.
  npx tsx apps/runner/src/main.ts exec --experiment "experiments/$study.yaml" --backend native --quiet
  npx tsx apps/runner/src/main.ts report --experiment "experiments/$study.yaml" --out "docs/results/$study"
done
# The two Jasper Ridge experiments in one table.
if [ ${#STUDIES[@]} -gt 0 ] && [ -d results/jasper-hybridsn-ablation ] && [ -d results/jasper-hamida ]; then
  npx tsx apps/runner/src/main.ts report --experiment experiments/jasper-hybridsn-ablation.yaml \
    --experiment experiments/jasper-hamida.yaml --out docs/results/jasper-comparison --label tab:jasper-comparison \
    --caption 'HybridSN and the Hamida et al. 3-D CNN on Jasper Ridge, same labels and split (100 labelled pixels per class: 75 to train, 25 to validate); mean ± std over 3 seeds.'
fi
# The gallery of docs/results/README.md: every plot of every study, between its two markers.
gallery() {
  echo '<!-- gallery: written by regenerate.sh -->'
  for dir in docs/results/*/plots; do
    study=$(basename "$(dirname "$dir")")
    echo; echo "### $study"; echo
    for svg in "$dir"/*.svg; do
      name=$(basename "$svg" .svg)
      # A classification map shows as its PNG (the SVG holds it as an embedded image).
      if [ -f "$dir/$name.png" ]; then echo "[![$study: $name]($study/plots/$name.png)]($study/plots/$name.pdf) ([SVG]($study/plots/$name.svg))"
      elif [ -f "$dir/$name.pdf" ]; then echo "[![$study: $name]($study/plots/$name.svg)]($study/plots/$name.pdf)"
      else echo "![$study: $name, SVG only: drawn before the PDFs]($study/plots/$name.svg)"; fi
    done
  done
  echo '<!-- end of gallery -->'
}
# The architecture figures of experiments/models (a section before the gallery).
bash docs/results/architectures.sh
readme=docs/results/README.md
{ sed '/^<!-- gallery: written by regenerate.sh -->$/,$d' "$readme"; gallery; } > "$readme.tmp" && mv "$readme.tmp" "$readme"

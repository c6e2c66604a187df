/**
 * A multi-MB experiment for the tests and the benchmark of loading: a map of variables, a long
 * list and many expressions that read them, over a small base file (`extends: ./base.yaml`).
 */
export const BIG_EXPERIMENT_BASE = `dataset: { type: fashion_mnist }
model:
  layers:
    - { type: flatten }
    - { type: dense, units: "\${data.classes}" }
optimizer: { type: adam, lr: "\${vars.lr}" }
training: { epochs: 1, batch_size: 32 }
vars:
  lr: 0.001
`;

/** About `bytes` bytes of YAML (within 1%). */
export function bigExperiment(bytes: number): string {
  const first = build(bytes);
  return build((bytes * bytes) / first.length);
}

function build(bytes: number): string {
  const keys = Math.round((bytes * 0.4) / 14.5);
  const items = Math.round((bytes * 0.4) / 13);
  const parts = ['extends: ./base.yaml\nvars:\n'];
  for (let i = 0; i < keys; i++) parts.push(`  v${i}: ${i}\n`);
  parts.push('  table:\n');
  for (let i = 0; i < items; i++) parts.push(`    - ${i * 0.5}\n`);
  parts.push('  labels: [');
  for (let i = 0; i < items / 2; i++) parts.push(`"\${vars.v${i % keys}}", `);
  parts.push('"end"]\n');
  return parts.join('');
}

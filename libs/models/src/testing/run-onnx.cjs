// Runs an ONNX file in ONNX Runtime in a process of its own (jest's sandbox gives the native
// binding's typed arrays another realm): node run-onnx.cjs <model.onnx> <input.bin> <dims,...> <output.bin>
const { readFileSync, writeFileSync } = require('node:fs');
const { InferenceSession, Tensor } = require('onnxruntime-node');

async function main() {
  const [model, inputFile, dims, outputFile] = process.argv.slice(2);
  const session = await InferenceSession.create(readFileSync(model));
  const bytes = readFileSync(inputFile);
  const input = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const result = await session.run({ [session.inputNames[0]]: new Tensor('float32', input, dims.split(',').map(Number)) });
  const out = result[session.outputNames[0]].data;
  writeFileSync(outputFile, new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});

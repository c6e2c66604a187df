/**
 * An ONNX graph under construction: nodes, constant tensors (initializers) and unique value
 * names, encoded as a ModelProto with onnx-proto (protobufjs code generated from onnx.proto).
 */
import { onnx } from 'onnx-proto';

/** The operator set written: Reduce* take `axes` as an attribute, Clip and Pad their bounds as inputs. */
export const OPSET = 13;
/** The IR version that goes with opset 13. */
const IR_VERSION = 7;

export type Attribute = number | number[] | string;

export interface GraphIO {
  name: string;
  /** Dimensions; a string is a symbolic one (the batch). */
  shape: Array<number | string>;
  type?: 'float' | 'int64';
}

function attribute(name: string, value: Attribute): onnx.IAttributeProto {
  const A = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: A.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: A.INTS, ints: value };
  if (!Number.isInteger(value)) throw new Error(`attribute ${name}: ${value} is not an integer (write floats as FloatAttr)`);
  return { name, type: A.INT, i: value };
}

/** A float attribute (a number alone is an int attribute, as most of ONNX's are). */
export class FloatAttr {
  constructor(readonly value: number) {}
}

function valueInfo(io: GraphIO): onnx.IValueInfoProto {
  const elemType = io.type === 'int64' ? onnx.TensorProto.DataType.INT64 : onnx.TensorProto.DataType.FLOAT;
  return { name: io.name, type: { tensorType: { elemType, shape: { dim: io.shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } } };
}

export class OnnxGraph {
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly initializers: onnx.ITensorProto[] = [];
  private readonly used = new Set<string>();

  /** A name no value of the graph has yet, from `base`. */
  fresh(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  /** A float32 constant. */
  floats(base: string, dims: readonly number[], values: Float32Array | readonly number[]): string {
    const name = this.fresh(base);
    const data = values instanceof Float32Array ? values : Float32Array.from(values);
    this.initializers.push({ name, dims: [...dims], dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)) });
    return name;
  }

  /** An int64 constant (shapes, pads). */
  ints(base: string, values: readonly number[]): string {
    const name = this.fresh(base);
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    this.initializers.push({ name, dims: [values.length], dataType: onnx.TensorProto.DataType.INT64, rawData: new Uint8Array(data.buffer) });
    return name;
  }

  /** Adds a node; returns its (first) output's name. */
  node(op: string, inputs: readonly string[], base: string, attributes: Record<string, Attribute | FloatAttr> = {}): string {
    const output = this.fresh(base);
    const attrs = Object.entries(attributes).map(([k, v]) => (v instanceof FloatAttr ? { name: k, type: onnx.AttributeProto.AttributeType.FLOAT, f: v.value } : attribute(k, v)));
    this.nodes.push({ opType: op, input: [...inputs], output: [output], name: output, attribute: attrs });
    return output;
  }

  /** Renames a value to a graph output's name, through an Identity node. */
  output(value: string, name: string): string {
    this.used.add(name);
    this.nodes.push({ opType: 'Identity', input: [value], output: [name], name: `${name}_identity`, attribute: [] });
    return name;
  }

  encode(inputs: readonly GraphIO[], outputs: readonly GraphIO[], meta: { name: string; doc: string; properties: Record<string, string> }): Uint8Array {
    const model: onnx.IModelProto = {
      irVersion: IR_VERSION,
      opsetImport: [{ domain: '', version: OPSET }],
      producerName: 'ablate',
      docString: meta.doc,
      metadataProps: Object.entries(meta.properties).map(([key, value]) => ({ key, value })),
      graph: { name: meta.name, node: this.nodes, initializer: this.initializers, input: inputs.map(valueInfo), output: outputs.map(valueInfo) },
    };
    return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
  }
}

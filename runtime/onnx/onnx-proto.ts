/**
 * The part of ONNX's protobuf schema that an exported inference model needs, as a protobufjs JSON
 * descriptor (no code generation step, no .proto file to ship). Field numbers, types and `packed`
 * options are copied from onnx/onnx `onnx/onnx.proto` (syntax proto2; messages ModelProto,
 * OperatorSetIdProto, GraphProto, NodeProto, AttributeProto, ValueInfoProto, TypeProto,
 * TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension, TensorProto). Fields the
 * exporter never writes are left out; a reader skips unknown fields anyway, and the numbers of the
 * ones kept are what makes the bytes standard.
 */
import protobuf from 'protobufjs/light.js';

/** onnx.proto `TensorProto.DataType` values used here. */
export const DataType = { FLOAT: 1, INT64: 7 } as const;

/** onnx.proto `AttributeProto.AttributeType` values used here. */
export const AttributeType = { FLOAT: 1, INT: 2, INTS: 7 } as const;

/**
 * IR version 7: the IR of ONNX 1.8, the release that introduced opset 13 (onnx docs/Versioning.md,
 * released-versions table); onnx.proto's `Version` enum names it `IR_VERSION_2020_5_8`.
 */
export const IR_VERSION = 7;

const optional = (type: string, id: number) => ({ type, id });
const repeated = (type: string, id: number, packed?: boolean) => ({
  type,
  id,
  rule: 'repeated',
  // proto2: repeated scalars are unpacked unless onnx.proto says `[packed = true]`.
  ...(packed === undefined ? {} : { options: { packed } }),
});

const DESCRIPTOR = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            ir_version: optional('int64', 1),
            producer_name: optional('string', 2),
            producer_version: optional('string', 3),
            domain: optional('string', 4),
            model_version: optional('int64', 5),
            doc_string: optional('string', 6),
            graph: optional('GraphProto', 7),
            opset_import: repeated('OperatorSetIdProto', 8),
          },
        },
        OperatorSetIdProto: {
          fields: { domain: optional('string', 1), version: optional('int64', 2) },
        },
        GraphProto: {
          fields: {
            node: repeated('NodeProto', 1),
            name: optional('string', 2),
            initializer: repeated('TensorProto', 5),
            doc_string: optional('string', 10),
            input: repeated('ValueInfoProto', 11),
            output: repeated('ValueInfoProto', 12),
          },
        },
        NodeProto: {
          fields: {
            input: repeated('string', 1),
            output: repeated('string', 2),
            name: optional('string', 3),
            op_type: optional('string', 4),
            attribute: repeated('AttributeProto', 5),
            doc_string: optional('string', 6),
            domain: optional('string', 7),
          },
        },
        AttributeProto: {
          fields: {
            name: optional('string', 1),
            f: optional('float', 2),
            i: optional('int64', 3),
            floats: repeated('float', 7, false),
            ints: repeated('int64', 8, false),
            type: optional('int32', 20), // enum AttributeType, encoded as a varint like int32
          },
        },
        ValueInfoProto: {
          fields: { name: optional('string', 1), type: optional('TypeProto', 2) },
        },
        TypeProto: {
          oneofs: { value: { oneof: ['tensor_type'] } },
          fields: { tensor_type: optional('Tensor', 1) },
          nested: {
            Tensor: {
              fields: {
                elem_type: optional('int32', 1),
                shape: optional('TensorShapeProto', 2),
              },
            },
          },
        },
        TensorShapeProto: {
          fields: { dim: repeated('Dimension', 1) },
          nested: {
            Dimension: {
              oneofs: { value: { oneof: ['dim_value', 'dim_param'] } },
              fields: { dim_value: optional('int64', 1), dim_param: optional('string', 2) },
            },
          },
        },
        TensorProto: {
          fields: {
            dims: repeated('int64', 1, false),
            data_type: optional('int32', 2),
            name: optional('string', 8),
            raw_data: optional('bytes', 9),
          },
        },
      },
    },
  },
};

let root: protobuf.Root | null = null;

/** The `onnx.ModelProto` message type (built once, on first use). */
export function modelProtoType(): protobuf.Type {
  root ??= protobuf.Root.fromJSON(DESCRIPTOR);
  return root.lookupType('onnx.ModelProto');
}

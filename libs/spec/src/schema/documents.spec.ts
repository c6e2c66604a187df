/** The generated schemas are valid and name the catalogs' types (that the committed files are current: libs/plugins, with ablate's own plug-in-style components loaded). */
import Ajv from 'ajv';
import { LAYER_CATALOG } from './layers/catalog';
import { OPTIMIZER_CATALOG } from './optimizer';
import { schemaDocuments } from './documents';

describe('schema documents', () => {
  const documents = schemaDocuments();

  it.each(Object.keys(documents))('%s is a valid draft-07 schema and compiles in ajv strict mode', (file) => {
    const ajv = new Ajv({ strict: true, allErrors: true, discriminator: true, allowUnionTypes: true });
    expect(ajv.validateSchema(documents[file] as object)).toBe(true);
    expect(() => ajv.compile(documents[file] as object)).not.toThrow();
  });

  it('derives the layer and optimizer type names from the catalogs', () => {
    const text = JSON.stringify(documents['experiment.schema.json']);
    const layerEnum = JSON.stringify(Object.keys(LAYER_CATALOG));
    const optimizerEnum = JSON.stringify(Object.keys(OPTIMIZER_CATALOG));
    expect(text).toContain(`"enum":${layerEnum}`);
    expect(text).toContain(`"enum":${optimizerEnum}`);
  });

  it('accepts a minimal experiment and rejects an unknown key', () => {
    const ajv = new Ajv({ strict: true, allErrors: true, discriminator: true, allowUnionTypes: true });
    const validate = ajv.compile(documents['experiment.schema.json'] as object);
    const minimal = {
      dataset: { type: 'fashion_mnist' },
      model: { layers: [{ type: 'flatten' }, { type: 'dense', units: '${data.classes}' }] },
      optimizer: { type: 'adam' },
      training: { epochs: 1, batch_size: 8 },
    };
    expect(validate(minimal)).toBe(true);
    expect(validate({ ...minimal, optimiser: {} })).toBe(false);
  });
});

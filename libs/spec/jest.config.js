module.exports = { ...require('../../jest.preset.js'), displayName: 'spec', rootDir: __dirname };

module.exports = { ...require('../../jest.preset.js'), displayName: 'sweep', rootDir: __dirname };

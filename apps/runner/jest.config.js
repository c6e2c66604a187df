module.exports = { ...require('../../jest.preset.js'), displayName: 'runner', rootDir: __dirname };

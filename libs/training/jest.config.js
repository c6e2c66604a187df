module.exports = { ...require('../../jest.preset.js'), displayName: 'training', rootDir: __dirname, setupFiles: ['<rootDir>/../models/src/testing/cpu-backend.ts'] };

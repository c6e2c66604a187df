module.exports = { ...require('../../jest.preset.js'), displayName: 'plugins', rootDir: __dirname, setupFiles: ['<rootDir>/../models/src/testing/cpu-backend.ts'] };

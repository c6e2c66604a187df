module.exports = { ...require('../../jest.preset.js'), displayName: 'models', rootDir: __dirname, setupFiles: ['<rootDir>/src/testing/cpu-backend.ts'] };

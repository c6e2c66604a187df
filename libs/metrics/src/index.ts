export { confusionMatrix, type Confusion } from './confusion';
export { classificationMetrics, overallAccuracy, averageAccuracy, cohenKappa, perClass, type ClassificationMetrics, type PerClass } from './classification';
export { regressionMetrics, meanSquaredError, meanAbsoluteError, psnr, rSquared, type RegressionMetrics } from './regression';
export { ssim, ImageMetrics } from './image';

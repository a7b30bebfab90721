export { cleanImage } from './clean-image.ts';
export { IMAGE_TYPES, type ProcessedImage, processImage } from './process-image.ts';

// Uploaded images are cleaned by the shared package (the social service cleans its own too).
export { IMAGE_TYPES, type ProcessedImage, processImage } from '@chat/images';

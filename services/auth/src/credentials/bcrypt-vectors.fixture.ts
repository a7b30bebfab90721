/**
 * jBCrypt's published $2a$10$ test vectors (Spring Security's BCryptPasswordEncoder is derived
 * from jBCrypt and is tested with the same vectors): [password, hash]. Test data only.
 */
export const SPRING_BCRYPT_VECTORS = [
  ['a', '$2a$10$k87L/MF28Q673VKh8/cPi.SUl7MU/rWuSiIDDFayrKk/1tBsSQu4u'],
  ['abcdefghijklmnopqrstuvwxyz', '$2a$10$fVH8e28OQRj9tqiDXs1e1uxpsjN0c7II7YPKXua2NAKYvM6iQk7dq'],
  ['~!@#$%^&*()      ~!@#$%^&*()PNBFRD', '$2a$10$LgfYWkbzEvQ4JakH7rOvHe0y8pHKF9OaFgwUZ2q7W2FFZmZzJYlfS'],
] as const;

// Scalar functions shared by the element-wise kernels and the activations fused after
// convolutions and matrix products. Each is written as tfjs's JavaScript kernel computes it, so
// that NaN, infinities and signed zeros come out the same: relu is Math.max(0, x) (NaN stays NaN,
// -0 becomes +0), relu6 Math.min(Math.max(0, x), 6), elu x >= 0 ? x : exp(x) - 1, leaky relu
// x < 0 ? alpha x : x. A bare C++ comparison such as `x > 0 ? x : 0` turns a NaN into 0, which
// would hide a diverging training run from the NaN check.
#pragma once
#include <cmath>

namespace ablate {

inline float relu_of(float v) { return v > 0 || std::isnan(v) ? v : 0.0f; }
inline float relu6_of(float v) { return v > 6 ? 6.0f : relu_of(v); }
inline float elu_of(float v) { return v >= 0 ? v : std::expm1(v); }
inline float leaky_relu_of(float v, float alpha) { return v < 0 ? alpha * v : v; }
inline float sigmoid_of(float v) { return 1.0f / (1.0f + std::exp(-v)); }

// Math.max: NaN if either is NaN, else the larger, +0 above -0.
inline float js_max(float a, float b) {
  if (a > b) return a;
  if (b > a) return b;
  if (std::isnan(a)) return a;
  if (std::isnan(b)) return b;
  return std::signbit(a) ? b : a;  // equal: only the sign of a zero can differ
}

// Math.min: NaN if either is NaN, else the smaller, -0 below +0.
inline float js_min(float a, float b) {
  if (a < b) return a;
  if (b < a) return b;
  if (std::isnan(a)) return a;
  if (std::isnan(b)) return b;
  return std::signbit(a) ? a : b;
}

// tfjs's step(x) with alpha 0: 1 above 0, NaN for NaN, 0 otherwise.
inline float step_mask(float x) { return x > 0 ? 1.0f : (std::isnan(x) ? x : 0.0f); }

}  // namespace ablate

// Activations fused after a convolution or a matrix product (tfjs's fused kernels).
#pragma once
#include <cmath>
#include <cstdint>
#include <omp.h>

namespace ablate {

enum Activation { kLinear = 0, kRelu = 1, kRelu6 = 2, kElu = 3, kLeakyRelu = 4, kSigmoid = 5 };

inline void activate(float* x, int64_t n, int kind, float alpha) {
  if (kind == kLinear) return;
#pragma omp parallel for schedule(static) if (n >= 32768)
  for (int64_t i = 0; i < n; i++) {
    float v = x[i];
    switch (kind) {
      case kRelu: x[i] = v > 0 ? v : 0; break;
      case kRelu6: x[i] = v < 0 ? 0 : (v > 6 ? 6 : v); break;
      case kElu: x[i] = v > 0 ? v : std::expm1(v); break;
      case kLeakyRelu: x[i] = v > 0 ? v : alpha * v; break;
      case kSigmoid: x[i] = 1.0f / (1.0f + std::exp(-v)); break;
    }
  }
}

// out[i, c] += bias[c] for a [rows, channels] view.
inline void add_bias(float* out, const float* bias, int64_t rows, int64_t channels) {
#pragma omp parallel for schedule(static) if (rows * channels >= 32768)
  for (int64_t r = 0; r < rows; r++) {
    float* row = out + r * channels;
    for (int64_t c = 0; c < channels; c++) row[c] += bias[c];
  }
}

}  // namespace ablate

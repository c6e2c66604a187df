// Activations fused after a convolution or a matrix product (tfjs's fused kernels), with the
// same scalar functions as the element-wise kernels (scalar.h: NaN-propagating as tfjs's).
#pragma once
#include "scalar.h"
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
      case kRelu: x[i] = relu_of(v); break;
      case kRelu6: x[i] = relu6_of(v); break;
      case kElu: x[i] = elu_of(v); break;
      case kLeakyRelu: x[i] = leaky_relu_of(v, alpha); break;
      case kSigmoid: x[i] = sigmoid_of(v); break;
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

// One optimizer step over every variable in one call: the update rules of
// libs/training's optimizers (torch.optim's), written operation by operation as their tfjs
// versions compute them, each operation rounded to float32 in the same order (the build has
// -ffp-contract=off: no fused multiply-add), so the trajectory is bitwise the one of the tfjs
// operations. Every constant arrives as the double JavaScript computed and is rounded to float32
// here, as tfjs rounds a number operand into a float32 scalar tensor. Element-wise only (no sums),
// so the thread count changes nothing.
#include "common.h"
#include <cmath>
#include <omp.h>
#include <stdexcept>

namespace ablate {

enum Rule { kAdam, kAdamW, kSgd, kRmsprop };

// g + v * decay when decay is not 0 (withDecay: coupled L2 in the gradient).
static inline float decayed(float g, float v, float decay, bool with) { return with ? g + v * decay : g; }

// Adam/AdamW. hyper: b1, 1-b1, b2, 1-b2, c2 = sqrt(1-b2^t), eps, lr/c1, then the decay and
// whether it applies (Adam: the coupled decay; AdamW: 1 - lr*decay, the weights' factor).
static void adam(const float* v, const float* grad, const float* m, const float* s, float* vo, float* mo, float* so, int64_t n, const float* h, bool decoupled) {
  const float b1 = h[0], omb1 = h[1], b2 = h[2], omb2 = h[3], c2 = h[4], eps = h[5], step = h[6], decay = h[7];
  const bool on = h[8] != 0.0f;
  const bool coupled = !decoupled && on;
  const bool shrink = decoupled && on;
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
  for (int64_t i = 0; i < n; i++) {
    float g = decayed(grad[i], v[i], decay, coupled);
    float m1 = m[i] * b1 + g * omb1;
    float s1 = s[i] * b2 + (g * g) * omb2;
    float update = m1 / (std::sqrt(s1) / c2 + eps);
    float base = shrink ? v[i] * decay : v[i];
    vo[i] = base - update * step;
    mo[i] = m1;
    so[i] = s1;
  }
}

// SGD. hyper: lr, momentum, decay, first (1 at the first step: the buffer starts at the
// gradient), nesterov, decay applies (flags 0/1). Slots: the momentum buffer when momentum > 0
// (then buf and bo are not null).
static void sgd(const float* v, const float* grad, const float* buf, float* vo, float* bo, int64_t n, const float* h) {
  const float lr = h[0], momentum = h[1], decay = h[2];
  const bool first = h[3] != 0.0f, nesterov = h[4] != 0.0f, with = h[5] != 0.0f;
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
  for (int64_t i = 0; i < n; i++) {
    float g = decayed(grad[i], v[i], decay, with);
    if (bo) {
      float b = first ? g : buf[i] * momentum + g;
      bo[i] = b;
      g = nesterov ? g + b * momentum : b;
    }
    vo[i] = v[i] - g * lr;
  }
}

// RMSprop. hyper: lr, alpha, 1-alpha, eps, momentum, decay, then the flags centered, momentum > 0
// and decay applies (0/1). Slots: square, then mean when centered, then the momentum buffer when
// momentum > 0 (their order of creation).
static void rmsprop(const float* v, const float* grad, const float* const* slots, float* vo, float* const* out, int64_t n, const float* h) {
  const float lr = h[0], alpha = h[1], oma = h[2], eps = h[3], momentum = h[4], decay = h[5];
  const bool centered = h[6] != 0.0f, has_momentum = h[7] != 0.0f, with = h[8] != 0.0f;
  const int mean_at = 1, buf_at = centered ? 2 : 1;
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
  for (int64_t i = 0; i < n; i++) {
    float g = decayed(grad[i], v[i], decay, with);
    float sq = slots[0][i] * alpha + (g * g) * oma;
    out[0][i] = sq;
    float avg = sq;
    if (centered) {
      float mean = slots[mean_at][i] * alpha + g * oma;
      out[mean_at][i] = mean;
      avg = sq - mean * mean;
    }
    float scaled = g / (std::sqrt(avg) + eps);
    if (has_momentum) {
      float b = slots[buf_at][i] * momentum + scaled;
      out[buf_at][i] = b;
      vo[i] = v[i] - b * lr;
    } else {
      vo[i] = v[i] - scaled * lr;
    }
  }
}

// optimizerStep(rule, hyper[], inputs[][], outputs[][]): per variable, inputs [v, grad, ...slots]
// and outputs [v', ...slots'], all of the variable's length.
static void OptimizerStepImpl(const Napi::CallbackInfo& info) {
  int rule = info[0].As<Napi::Number>().Int32Value();
  Napi::Array hyper = info[1].As<Napi::Array>();
  float h[12] = {};
  if (hyper.Length() > 12) throw std::runtime_error("optimizerStep: more than 12 hyperparameters");
  for (uint32_t i = 0; i < hyper.Length(); i++) h[i] = static_cast<float>(hyper.Get(i).As<Napi::Number>().DoubleValue());
  Napi::Array inputs = info[2].As<Napi::Array>(), outputs = info[3].As<Napi::Array>();
  if (inputs.Length() != outputs.Length()) throw std::runtime_error("optimizerStep: inputs and outputs differ in count");
  for (uint32_t k = 0; k < inputs.Length(); k++) {
    Napi::Array in = inputs.Get(k).As<Napi::Array>(), out = outputs.Get(k).As<Napi::Array>();
    if (in.Length() != out.Length() + 1) throw std::runtime_error("optimizerStep: a variable needs [v, grad, ...slots] and [v', ...slots']");
    std::vector<const float*> x;
    std::vector<float*> y;
    size_t n = f32len(in.Get(0u));
    for (uint32_t j = 0; j < in.Length(); j++) {
      if (f32len(in.Get(j)) != n) throw std::runtime_error("optimizerStep: arrays of different lengths");
      x.push_back(f32(in.Get(j)));
    }
    for (uint32_t j = 0; j < out.Length(); j++) {
      if (f32len(out.Get(j)) != n) throw std::runtime_error("optimizerStep: arrays of different lengths");
      y.push_back(f32(out.Get(j)));
    }
    size_t slots = x.size() - 2;
    int64_t len = static_cast<int64_t>(n);
    switch (rule) {
      case kAdam:
      case kAdamW:
        if (slots != 2) throw std::runtime_error("optimizerStep: Adam has 2 slots");
        adam(x[0], x[1], x[2], x[3], y[0], y[1], y[2], len, h, rule == kAdamW);
        break;
      case kSgd:
        if (slots > 1) throw std::runtime_error("optimizerStep: SGD has 1 slot with momentum, else none");
        sgd(x[0], x[1], slots ? x[2] : nullptr, y[0], slots ? y[1] : nullptr, len, h);
        break;
      case kRmsprop: {
        size_t want = 1 + (h[6] != 0.0f ? 1 : 0) + (h[7] != 0.0f ? 1 : 0);
        if (slots != want) throw std::runtime_error("optimizerStep: RMSprop's slots do not match centered/momentum");
        rmsprop(x[0], x[1], x.data() + 2, y[0], y.data() + 1, len, h);
        break;
      }
      default:
        throw std::runtime_error("optimizerStep: unknown rule");
    }
  }
}

static Napi::Value OptimizerStep(const Napi::CallbackInfo& info) { return guarded(info, [&] { OptimizerStepImpl(info); }); }

void init_optimizer(Napi::Env env, Napi::Object exports) { exports.Set("optimizerStep", Napi::Function::New(env, OptimizerStep)); }

}  // namespace ablate

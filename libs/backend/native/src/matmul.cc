// Matrix products: batched, with transposes and tfjs's batch broadcasting (one side may have a
// batch of 1), on oneDNN's sgemm; optionally adding a bias and applying an activation.
#include "common.h"
#include "activation.h"

namespace ablate {

// matmul(a, b, out, bias|null, batchA, batchB, m, n, k, transA, transB, activation, alpha)
static void MatMulImpl(const Napi::CallbackInfo& info) {
  const float* a = f32(info[0]);
  const float* b = f32(info[1]);
  float* out = f32(info[2]);
  int64_t batch_a = info[4].As<Napi::Number>().Int64Value();
  int64_t batch_b = info[5].As<Napi::Number>().Int64Value();
  int64_t m = info[6].As<Napi::Number>().Int64Value();
  int64_t n = info[7].As<Napi::Number>().Int64Value();
  int64_t k = info[8].As<Napi::Number>().Int64Value();
  bool ta = info[9].As<Napi::Boolean>().Value();
  bool tb = info[10].As<Napi::Boolean>().Value();
  int act = info[11].As<Napi::Number>().Int32Value();
  float alpha = info[12].As<Napi::Number>().FloatValue();
  int64_t batch = batch_a > batch_b ? batch_a : batch_b;
  for (int64_t i = 0; i < batch; i++) {
    const float* ai = a + (batch_a == 1 ? 0 : i) * m * k;
    const float* bi = b + (batch_b == 1 ? 0 : i) * k * n;
    dnnl_sgemm(ta ? 'T' : 'N', tb ? 'T' : 'N', m, n, k, 1.0f, ai, ta ? m : k, bi, tb ? k : n, 0.0f, out + i * m * n, n);
  }
  if (info[3].IsTypedArray()) add_bias(out, f32(info[3]), batch * m, n);
  activate(out, batch * m * n, act, alpha);
  return;
}

static Napi::Value MatMul(const Napi::CallbackInfo& info) { return guarded(info, [&] { MatMulImpl(info); }); }

void init_matmul(Napi::Env env, Napi::Object exports) { exports.Set("matmul", Napi::Function::New(env, MatMul)); }

}  // namespace ablate

// ablate native CPU kernels: a Node addon (N-API) over oneDNN and OpenMP. Every function works on
// Float32Arrays owned by JavaScript (read and written in place, no copies) and returns when done.
#include "common.h"
#include <omp.h>

namespace ablate {

dnnl::engine& engine() {
  static dnnl::engine e(dnnl::engine::kind::cpu, 0);
  return e;
}

dnnl::stream& stream() {
  static dnnl::stream s(engine());
  return s;
}

static Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  int n = info[0].As<Napi::Number>().Int32Value();
  omp_set_num_threads(n > 0 ? n : omp_get_num_procs());
  return info.Env().Undefined();
}

static Napi::Value Threads(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), omp_get_max_threads()); }

static Napi::Value Version(const Napi::CallbackInfo& info) {
  const dnnl_version_t* v = dnnl_version();
  Napi::Object o = Napi::Object::New(info.Env());
  o.Set("onednn", std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch));
  o.Set("cpuRuntime", v->cpu_runtime == DNNL_RUNTIME_OMP ? "OpenMP" : "other");
  o.Set("isa", std::to_string(static_cast<int>(dnnl::get_effective_cpu_isa())));
  return o;
}

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("setThreads", Napi::Function::New(env, SetThreads));
  exports.Set("threads", Napi::Function::New(env, Threads));
  exports.Set("version", Napi::Function::New(env, Version));
  init_conv(env, exports);
  init_matmul(env, exports);
  init_pool(env, exports);
  init_elementwise(env, exports);
  init_reduce(env, exports);
  init_layout(env, exports);
  init_batch_norm(env, exports);
  return exports;
}

}  // namespace ablate

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports) { return ablate::Init(env, exports); }

NODE_API_MODULE(ablate_native, InitAddon)

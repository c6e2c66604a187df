// Shared helpers: views of JS typed arrays (no copies), shapes, errors, the oneDNN engine.
#pragma once
#include <napi.h>
#include <oneapi/dnnl/dnnl.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace ablate {

using Shape = std::vector<int64_t>;

// Below this many elements a loop runs on one thread: waking OpenMP threads costs more than the
// work (measured: a 1,000-element add took 37 us on 2 threads, 19 us on one).
constexpr int64_t kParallelMin = 32768;

inline float* f32(const Napi::Value& v) { return v.As<Napi::Float32Array>().Data(); }
inline size_t f32len(const Napi::Value& v) { return v.As<Napi::Float32Array>().ElementLength(); }

inline Shape shape(const Napi::Value& v) {
  Napi::Array a = v.As<Napi::Array>();
  Shape s(a.Length());
  for (uint32_t i = 0; i < a.Length(); i++) s[i] = a.Get(i).As<Napi::Number>().Int64Value();
  return s;
}

inline int64_t product(const Shape& s) {
  int64_t n = 1;
  for (auto d : s) n *= d;
  return n;
}

inline std::string key(const char* kind, std::initializer_list<const Shape*> shapes) {
  std::string k(kind);
  for (const Shape* s : shapes) {
    k += '|';
    for (auto d : *s) k += std::to_string(d) + ',';
  }
  return k;
}

// Runs a native entry point; a C++ exception (e.g. oneDNN refusing a configuration) becomes a JS
// error whose message starts with "ablate-native:", so the caller can fall back to JavaScript.
template <typename Body>
Napi::Value guarded(const Napi::CallbackInfo& info, Body body) {
  try {
    body();
  } catch (const std::exception& e) {
    Napi::Error::New(info.Env(), std::string("ablate-native: ") + e.what()).ThrowAsJavaScriptException();
  }
  return info.Env().Undefined();
}

dnnl::engine& engine();
dnnl::stream& stream();

void init_conv(Napi::Env env, Napi::Object exports);
void init_matmul(Napi::Env env, Napi::Object exports);
void init_pool(Napi::Env env, Napi::Object exports);
void init_elementwise(Napi::Env env, Napi::Object exports);
void init_reduce(Napi::Env env, Napi::Object exports);
void init_layout(Napi::Env env, Napi::Object exports);
void init_batch_norm(Napi::Env env, Napi::Object exports);
void init_optimizer(Napi::Env env, Napi::Object exports);
void init_memory(Napi::Env env, Napi::Object exports);

}  // namespace ablate

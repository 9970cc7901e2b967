// Result<T>: a value or an Error. Errors carry an errno-style code (as the kernel would return
// through rtnetlink) and an optional message (as the kernel's extack, or a tool's own text).
// The cli layer turns them into iproute2's wording; nothing below cli prints.
#pragma once

#include <cerrno>
#include <string>
#include <utility>
#include <variant>

namespace uvn {

struct Error {
  int code = EINVAL;    // errno value, positive
  std::string message;  // extack-style text; empty when the kernel would give none

  static Error errno_only(int code) { return Error{code, {}}; }
  static Error with(int code, std::string msg) { return Error{code, std::move(msg)}; }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error e) : v_(std::move(e)) {}      // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Status: a Result with no value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error e) : err_(std::move(e)), ok_(false) {}  // NOLINT
  static Status Ok() { return {}; }
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return err_; }

 private:
  Error err_;
  bool ok_ = true;
};

}  // namespace uvn

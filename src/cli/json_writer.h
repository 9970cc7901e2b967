// JsonWriter: JSON text laid out exactly as iproute2 prints it with -j (compact) and -j -p
// (pretty: four spaces a level, arrays of values on one line as `[ "a","b" ]`, `[ {` when an
// array holds objects, `"key": value`). Written from iproute2's observed output.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace uvn::cli {

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty) : pretty_(pretty) {}

  void start_object();
  void end_object();
  void start_array();
  void end_array();
  void key(std::string_view k);

  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(int64_t v);
  void value(uint64_t v);
  void value(int v) { value(int64_t(v)); }
  void value(unsigned v) { value(uint64_t(v)); }
  void value(bool b);
  void value_raw(std::string_view text);  // a preformatted number such as 0.00
  void null();

  template <typename T>
  void member(std::string_view k, const T& v) {
    key(k);
    value(v);
  }

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void separate();
  void newline();
  void open(char c);
  void close(char c);

  std::string out_;
  bool pretty_;
  int depth_ = 0;
  char sep_ = 0;  // what to write before the next element: ',' or nothing
};

}  // namespace uvn::cli

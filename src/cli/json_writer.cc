#include "cli/json_writer.h"

#include <fmt/format.h>

namespace uvn::cli {

void JsonWriter::separate() {
  if (sep_) out_ += sep_;
  sep_ = ',';
}

void JsonWriter::newline() {
  if (!pretty_) return;
  out_ += '\n';
  out_.append(size_t(depth_) * 4, ' ');
}

void JsonWriter::open(char c) {
  separate();
  out_ += c;
  ++depth_;
  sep_ = 0;
}

void JsonWriter::close(char c) {
  --depth_;
  if (sep_) newline();
  out_ += c;
  sep_ = ',';
}

void JsonWriter::start_object() { open('{'); }
void JsonWriter::end_object() { close('}'); }

void JsonWriter::start_array() {
  open('[');
  if (pretty_) out_ += ' ';
}

void JsonWriter::end_array() {
  if (pretty_ && sep_) out_ += ' ';
  sep_ = 0;
  close(']');
}

void JsonWriter::key(std::string_view k) {
  separate();
  newline();
  sep_ = 0;
  value(k);
  sep_ = 0;
  out_ += ':';
  if (pretty_) out_ += ' ';
}

void JsonWriter::value(std::string_view s) {
  separate();
  out_ += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\t': out_ += "\\t"; break;
      case '\r': out_ += "\\r"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      default:
        if (c < 0x20)
          out_ += fmt::format("\\u{:04x}", c);
        else
          out_ += char(c);
    }
  }
  out_ += '"';
}

void JsonWriter::value(int64_t v) {
  separate();
  out_ += std::to_string(v);
}

void JsonWriter::value(uint64_t v) {
  separate();
  out_ += std::to_string(v);
}

void JsonWriter::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
}

void JsonWriter::value_raw(std::string_view text) {
  separate();
  out_ += text;
}

void JsonWriter::null() {
  separate();
  out_ += "null";
}

}  // namespace uvn::cli

// Escaping and unescaping JSON Pointer reference tokens (RFC 6901, section 3 and 4).
#include "engine/json_pointer.hpp"

namespace dutycheck::engine {

void append_pointer_token(std::string& pointer, std::string_view token) {
    pointer += '/';
    for (const char c : token) {
        if (c == '~') pointer += "~0";
        else if (c == '/') pointer += "~1";
        else pointer += c;
    }
}

std::string unescape_pointer_token(std::string_view raw) {
    std::string token;
    token.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
            token += raw[i + 1] == '1' ? '/' : '~';
            ++i;
        } else {
            token += raw[i];
        }
    }
    return token;
}

std::string last_pointer_token(std::string_view pointer) {
    const auto slash = pointer.rfind('/');
    if (slash == std::string_view::npos) return {};
    return unescape_pointer_token(pointer.substr(slash + 1));
}

bool pointer_within(std::string_view pointer, std::string_view ancestor) {
    return pointer.starts_with(ancestor) && (pointer.size() == ancestor.size() || pointer[ancestor.size()] == '/');
}

std::vector<std::string_view> pointer_tokens(std::string_view pointer) {
    std::vector<std::string_view> tokens;
    std::size_t start = 0;
    while (start < pointer.size()) {
        // Each token starts after a "/".
        std::size_t end = pointer.find('/', start + 1);
        if (end == std::string_view::npos) end = pointer.size();
        tokens.push_back(pointer.substr(start + 1, end - start - 1));
        start = end;
    }
    return tokens;
}

}  // namespace dutycheck::engine

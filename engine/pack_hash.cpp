// SHA-256 through OpenSSL's libcrypto (its EVP interface), rather than a hash of our own.
#include "engine/pack_hash.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace dutycheck::engine {

struct PackHasher::State {
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    ~State() { EVP_MD_CTX_free(context); }
};

PackHasher::PackHasher() : state_(std::make_unique<State>()) {
    if (state_->context == nullptr || EVP_DigestInit_ex(state_->context, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("cannot start a SHA-256 digest");
}

PackHasher::~PackHasher() = default;
PackHasher::PackHasher(PackHasher&&) noexcept = default;
PackHasher& PackHasher::operator=(PackHasher&&) noexcept = default;

void PackHasher::add_file(std::string_view relative_path, std::string_view bytes) {
    static constexpr char nul = '\0';
    for (const std::string_view part : {relative_path, std::string_view(&nul, 1), bytes, std::string_view(&nul, 1)})
        if (EVP_DigestUpdate(state_->context, part.data(), part.size()) != 1)
            throw std::runtime_error("cannot update a SHA-256 digest");
}

std::string PackHasher::hex_digest() {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(state_->context, digest.data(), &size) != 1)
        throw std::runtime_error("cannot finish a SHA-256 digest");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < size; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0xf];
    }
    return out;
}

}  // namespace dutycheck::engine

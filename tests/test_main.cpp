// The single Catch2 main; every other test file only includes the header.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

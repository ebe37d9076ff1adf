#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/err.h>

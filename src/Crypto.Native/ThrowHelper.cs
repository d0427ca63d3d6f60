using System.Diagnostics.CodeAnalysis;

namespace Gateway.Crypto.Native;

/// <summary>
/// Cold throw paths, out of line so the hot methods stay small enough to inline and carry no
/// string formatting. Every exception here is a programming error or a configuration error;
/// a failed authentication is a value (false), never an exception.
/// </summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    internal static void ThrowWrongLength(string paramName, int expected, int actual) =>
        throw new ArgumentException($"{paramName} must be {expected} bytes long, not {actual}.", paramName);

    [DoesNotReturn]
    internal static void ThrowKeyLength(string paramName, int actual) =>
        throw new ArgumentException($"An AES key must be 16 bytes (AES-128) or 32 bytes (AES-256), not {actual}.", paramName);

    [DoesNotReturn]
    internal static void ThrowOutputTooShort(string paramName, int needed, int actual) =>
        throw new ArgumentException($"{paramName} must be at least {needed} bytes long (the input's length), not {actual}.", paramName);

    [DoesNotReturn]
    internal static void ThrowPartialOverlap(string inputName, string outputName) =>
        throw new ArgumentException($"{inputName} and {outputName} must be the same buffer (in place) or not overlap at all.", outputName);

    [DoesNotReturn]
    internal static void ThrowTagOverlapsOutput(string tagName, string outputName) =>
        throw new ArgumentException($"{tagName} must not overlap {outputName}: it would be overwritten before it is compared.", tagName);

    [DoesNotReturn]
    internal static void ThrowObjectDisposed(Type type) => throw new ObjectDisposedException(type.FullName);

    [DoesNotReturn]
    internal static void ThrowArgumentNull(string paramName) => throw new ArgumentNullException(paramName);

    [DoesNotReturn]
    internal static void ThrowArgumentOutOfRange(string paramName, string message) =>
        throw new ArgumentOutOfRangeException(paramName, message);

    [DoesNotReturn]
    internal static void ThrowBatchFull(int capacity) =>
        throw new InvalidOperationException($"The batch is full ({capacity} operations): run it and Clear() it, or make a larger one.");

    [DoesNotReturn]
    internal static void ThrowNativeFailure(string function, int status) =>
        throw new InvalidOperationException($"{function} returned {NativeStatus.Describe(status)} for arguments the managed side had checked: a bug in Crypto.Native or libgateway_native.");

    [DoesNotReturn]
    internal static void ThrowCreateFailed(AesImplementation implementation, int status, string paramName)
    {
        if (status == NativeStatus.NoMemory)
        {
            throw new InsufficientMemoryException($"gw_aes_ctx_create ({CryptoBackend.Name(implementation)}) could not allocate a context.");
        }

        if (status == NativeStatus.Unsupported)
        {
            throw new ArgumentException($"libgateway_native cannot run {CryptoBackend.Name(implementation)} on this machine.", paramName);
        }

        ThrowNativeFailure("gw_aes_ctx_create", status);
    }
}

using System.Buffers;
using System.Security.Cryptography;

namespace Gateway.Api;

/// <summary>
/// A request body read into a pooled buffer with a hard limit: never more than the limit (plus one byte to
/// tell) is buffered, whatever Content-Length says or omits. Wiped when returned: SDP bodies hold keys.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private byte[]? _buffer;

    private RequestBody(byte[]? buffer, int length, bool tooLarge)
    {
        _buffer = buffer;
        Length = length;
        TooLarge = tooLarge;
    }

    /// <summary>Whether the body was over the limit (then nothing is kept).</summary>
    public bool TooLarge { get; }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public static async Task<RequestBody> ReadAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return new RequestBody(null, 0, tooLarge: true);
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        int length = 0;
        try
        {
            while (length <= limit)
            {
                int read = await context.Request.Body.ReadAsync(buffer.AsMemory(length, limit + 1 - length), context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }
        catch
        {
            Return(buffer, length);
            throw;
        }

        if (length > limit)
        {
            Return(buffer, length);
            return new RequestBody(null, 0, tooLarge: true);
        }

        return new RequestBody(buffer, length, tooLarge: false);
    }

    public byte[] ToArray() => Span.ToArray();

    public void Dispose()
    {
        if (_buffer is not null)
        {
            Return(_buffer, Length);
            _buffer = null;
        }
    }

    private static void Return(byte[] buffer, int length)
    {
        CryptographicOperations.ZeroMemory(buffer.AsSpan(0, Math.Min(length, buffer.Length)));
        ArrayPool<byte>.Shared.Return(buffer);
    }
}

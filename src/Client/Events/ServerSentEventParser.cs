using System.Text;

namespace Gateway.Client.Events;

/// <summary>
/// The server-sent events line format (HTML Living Standard §9.2.6): <c>event:</c> and <c>data:</c> fields,
/// comment lines starting with ':', and a blank line that dispatches. Fed one line at a time; an event whose data
/// outgrows <see cref="MaxDataChars"/> is dropped (and counted), not buffered without bound.
/// </summary>
internal sealed class ServerSentEventParser
{
    /// <summary>The most data characters one event may have: a 64 KiB message in base64 inside JSON, with room to spare.</summary>
    public const int MaxDataChars = 256 * 1024;

    private readonly StringBuilder _data = new();
    private string? _type;
    private bool _hasData;
    private bool _oversized;

    /// <summary>Events dropped because their data was too large.</summary>
    public int Dropped { get; private set; }

    /// <summary>Takes one line (without its end of line); true with the event when the line completed one.</summary>
    public bool TryFeed(string line, out string type, out string data)
    {
        type = "";
        data = "";
        if (line.Length == 0)
        {
            bool complete = _hasData && !_oversized;
            if (_oversized)
            {
                Dropped++;
            }

            if (complete)
            {
                type = string.IsNullOrEmpty(_type) ? "message" : _type;
                data = _data.ToString();
            }

            Reset();
            return complete;
        }

        if (line[0] == ':')
        {
            return false;
        }

        int colon = line.IndexOf(':', StringComparison.Ordinal);
        string field = colon < 0 ? line : line[..colon];
        string value = colon < 0 ? "" : line[(colon + 1)..];
        if (value.StartsWith(' '))
        {
            value = value[1..];
        }

        switch (field)
        {
            case "event":
                _type = value;
                break;
            case "data":
                if (_oversized || _data.Length + value.Length + 1 > MaxDataChars)
                {
                    _oversized = true;
                    _data.Clear();
                    break;
                }

                if (_hasData)
                {
                    _data.Append('\n');
                }

                _data.Append(value);
                _hasData = true;
                break;
            default:
                // id, retry and unknown fields: this client does not reconnect, so none matters.
                break;
        }

        return false;
    }

    private void Reset()
    {
        _data.Clear();
        _type = null;
        _hasData = false;
        _oversized = false;
    }
}

using System.Collections;
using System.Globalization;
using System.Text.Json;
using Gateway.Routing;

namespace Gateway.Api;

/// <summary>
/// Writes a <see cref="MeetingEvent"/>'s data as a JSON object without reflection: the router fills it with
/// strings, numbers, booleans, bytes (written as base64), nested dictionaries and lists of those.
/// </summary>
internal static class MeetingEventJson
{
    private const int MaxDepth = 8;

    public static void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> data) => WriteObject(writer, data, 0);

    private static void WriteObject(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> data, int depth)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in data)
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value, depth + 1);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, int depth)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case uint number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case ulong number:
                writer.WriteNumberValue(number);
                break;
            case short number:
                writer.WriteNumberValue(number);
                break;
            case ushort number:
                writer.WriteNumberValue(number);
                break;
            case byte number:
                writer.WriteNumberValue(number);
                break;
            case double number when double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case float number when float.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                break;
            case ReadOnlyMemory<byte> bytes:
                writer.WriteBase64StringValue(bytes.Span);
                break;
            case Memory<byte> bytes:
                writer.WriteBase64StringValue(bytes.Span);
                break;
            case DateTimeOffset time:
                writer.WriteStringValue(time);
                break;
            case DateTime time:
                writer.WriteStringValue(time);
                break;
            case Guid guid:
                writer.WriteStringValue(guid);
                break;
            case Enum word:
                writer.WriteStringValue(JsonNamingPolicy.CamelCase.ConvertName(word.ToString()));
                break;
            case IEnumerable<KeyValuePair<string, object?>> nested when depth < MaxDepth:
                WriteObject(writer, nested, depth);
                break;
            case IEnumerable list when depth < MaxDepth:
                writer.WriteStartArray();
                foreach (object? item in list)
                {
                    WriteValue(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case IFormattable formattable:
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace OpenTabletop.Tests.Support;

/// <summary>
/// Converts YAML node trees to JSON following the YAML 1.2 core schema: quoted scalars are strings;
/// plain scalars are null, booleans, integers or floats when they look like one, strings otherwise.
/// </summary>
public static partial class SpecYaml
{
    public static JsonNode? ToJsonNode(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToObject(mapping),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJsonNode)]),
        YamlScalarNode scalar => ToValue(scalar),
        _ => throw new NotSupportedException($"Unsupported YAML node {node.NodeType} at {node.Start}."),
    };

    /// <summary>A YAML node as compact JSON text.</summary>
    public static string ToJson(YamlNode node) => ToJsonNode(node)?.ToJsonString() ?? "null";

    /// <summary>A YAML node as a JSON element (detached from any document).</summary>
    public static JsonElement ToJsonElement(YamlNode node)
    {
        using var document = JsonDocument.Parse(ToJson(node));
        return document.RootElement.Clone();
    }

    private static JsonObject ToObject(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
                throw new NotSupportedException($"Only scalar mapping keys are supported (at {key.Start}).");
            if (result.ContainsKey(name)) throw new InvalidDataException($"Duplicate YAML key '{name}' at {key.Start}.");
            result[name] = ToJsonNode(value);
        }
        return result;
    }

    private static JsonNode? ToValue(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain) return JsonValue.Create(text);

        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (IntegerPattern().IsMatch(text))
            return JsonNode.Parse(System.Numerics.BigInteger.Parse(text, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
        if (FloatPattern().IsMatch(text))
        {
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
                return JsonValue.Create(exact);
            return JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}

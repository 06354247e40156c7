using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OpenTabletop.Tests.Support;

/// <summary>
/// A deliberately small JSON Schema validator for the keywords the OpenTabletop spec uses (OpenAPI 3.1 /
/// JSON Schema 2020-12 vocabulary plus OpenAPI 3.0's <c>nullable</c>). Keywords it does not know are reported
/// as violations rather than ignored, so a spec change can never silently weaken a test.
/// </summary>
internal sealed partial class SchemaValidator
{
    /// <summary>Keywords that carry no validation meaning.</summary>
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "description", "example", "examples", "title", "default", "summary", "deprecated", "readOnly", "writeOnly",
        "$comment", "externalDocs", "xml",
    };

    private static readonly HashSet<string> Assertions = new(StringComparer.Ordinal)
    {
        "$ref", "nullable", "type", "enum", "const", "format", "pattern", "minLength", "maxLength",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "items", "minItems", "maxItems", "uniqueItems",
        "properties", "required", "additionalProperties", "minProperties", "maxProperties",
        "allOf", "anyOf", "oneOf", "not",
    };

    private static readonly ConcurrentRegexCache Patterns = new();

    private readonly List<string> _errors = [];
    private readonly HashSet<(string Schema, string Instance)> _active;

    private SchemaValidator(HashSet<(string, string)> active) => _active = active;

    public static List<string> Validate(SpecNode schema, JsonElement instance)
    {
        var validator = new SchemaValidator([]);
        validator.Check(schema, instance, "$");
        return validator._errors;
    }

    /// <summary>
    /// Walks a schema and every schema reachable from it (through $ref, properties, items, additionalProperties,
    /// allOf/anyOf/oneOf/not) and lists the keywords this validator does not support.
    /// </summary>
    public static List<string> Audit(SpecNode schema)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<SpecNode>([schema]);
        while (pending.TryPop(out var node))
        {
            if (!seen.Add(node.Location) || node.Element.ValueKind != JsonValueKind.Object) continue;
            foreach (var keyword in node.Element.EnumerateObject().Select(p => p.Name))
            {
                if (Annotations.Contains(keyword) || keyword.StartsWith("x-", StringComparison.Ordinal)) continue;
                if (!Assertions.Contains(keyword)) { problems.Add($"unsupported schema keyword '{keyword}' in {node.Location}"); continue; }
                var child = node.Child(keyword);
                switch (keyword)
                {
                    case "$ref": pending.Push(SpecDocuments.Resolve(node, child.Element.GetString()!)); break;
                    case "items" or "additionalProperties" or "not": pending.Push(child); break;
                    case "properties":
                        foreach (var property in child.Element.EnumerateObject()) pending.Push(child.Child(property.Name));
                        break;
                    case "allOf" or "anyOf" or "oneOf":
                        for (var i = 0; i < child.Element.GetArrayLength(); i++) pending.Push(child.Item(i));
                        break;
                    case "format" when child.Element.GetString() is not ("uuid" or "uri" or "date-time" or "date" or "float" or "double" or "int32" or "int64"):
                        problems.Add($"unsupported format '{child.Element.GetString()}' in {node.Location}");
                        break;
                }
            }
        }
        return problems;
    }

    private List<string> Sub(SpecNode schema, JsonElement instance, string path)
    {
        var validator = new SchemaValidator(_active);
        validator.Check(schema, instance, path);
        return validator._errors;
    }

    private void Fail(string path, string message) => _errors.Add($"{path}: {message}");

    private void Check(SpecNode schema, JsonElement instance, string path)
    {
        var s = schema.Element;
        if (s.ValueKind == JsonValueKind.True) return;
        if (s.ValueKind == JsonValueKind.False) { Fail(path, $"no value is allowed here (schema {schema.Location} is false)"); return; }
        if (s.ValueKind != JsonValueKind.Object) { Fail(path, $"invalid schema at {schema.Location}: {s.ValueKind}"); return; }

        // A recursive schema re-entered at the same instance position without consuming any input would never end.
        if (!_active.Add((schema.Location, path))) { Fail(path, $"schema {schema.Location} refers to itself without consuming input"); return; }
        try
        {
            CheckKeywords(schema, instance, path);
        }
        finally
        {
            _active.Remove((schema.Location, path));
        }
    }

    private void CheckKeywords(SpecNode schema, JsonElement instance, string path)
    {
        var s = schema.Element;
        var unknown = s.EnumerateObject()
            .Select(p => p.Name)
            .Where(k => !Annotations.Contains(k) && !Assertions.Contains(k) && !k.StartsWith("x-", StringComparison.Ordinal))
            .ToList();
        foreach (var keyword in unknown) Fail(path, $"unsupported schema keyword '{keyword}' in {schema.Location}");

        var nullable = s.TryGetProperty("nullable", out var nullableValue) && nullableValue.ValueKind == JsonValueKind.True;
        if (nullable && instance.ValueKind == JsonValueKind.Null) return;

        if (schema.TryChild("$ref", out var reference))
        {
            var target = SpecDocuments.Resolve(schema, reference.Element.GetString()
                ?? throw new InvalidDataException($"Non-string $ref at {schema.Location}."));
            // `nullable` beside a $ref widens the referenced schema; it was handled above.
            Check(target, instance, path);
        }

        if (s.TryGetProperty("type", out var type) && !CheckType(type, instance, path, schema)) return;

        if (s.TryGetProperty("enum", out var enumValues) && !enumValues.EnumerateArray().Any(v => JsonEquals(v, instance)))
            Fail(path, $"{Render(instance)} is not one of {Render(enumValues)}");
        if (s.TryGetProperty("const", out var constValue) && !JsonEquals(constValue, instance))
            Fail(path, $"{Render(instance)} is not {Render(constValue)}");

        switch (instance.ValueKind)
        {
            case JsonValueKind.String: CheckString(schema, instance.GetString()!, path); break;
            case JsonValueKind.Number: CheckNumber(schema, instance, path); break;
            case JsonValueKind.Array: CheckArray(schema, instance, path); break;
            case JsonValueKind.Object: CheckObject(schema, instance, path); break;
        }

        if (schema.TryChild("allOf", out var allOf))
            for (var i = 0; i < allOf.Element.GetArrayLength(); i++) Check(allOf.Item(i), instance, path);

        if (schema.TryChild("anyOf", out var anyOf))
        {
            var branches = Branches(anyOf, instance, path);
            if (!branches.Any(b => b.Count == 0))
                Fail(path, "matches none of the anyOf alternatives:" + Describe(branches));
        }
        if (schema.TryChild("oneOf", out var oneOf))
        {
            var branches = Branches(oneOf, instance, path);
            var matches = branches.Count(b => b.Count == 0);
            if (matches == 0) Fail(path, "matches none of the oneOf alternatives:" + Describe(branches));
            else if (matches > 1) Fail(path, $"matches {matches} oneOf alternatives, expected exactly one");
        }
        if (schema.TryChild("not", out var not) && Sub(not, instance, path).Count == 0)
            Fail(path, $"must not match the schema at {not.Location}");
    }

    private List<List<string>> Branches(SpecNode alternatives, JsonElement instance, string path) =>
        [.. Enumerable.Range(0, alternatives.Element.GetArrayLength()).Select(i => Sub(alternatives.Item(i), instance, path))];

    private static string Describe(List<List<string>> branches) =>
        string.Concat(branches.Select((errors, i) => $"\n    [{i}] " + string.Join("\n        ", errors)));

    private bool CheckType(JsonElement type, JsonElement instance, string path, SpecNode schema)
    {
        var allowed = type.ValueKind == JsonValueKind.Array
            ? [.. type.EnumerateArray().Select(t => t.GetString()!)]
            : new List<string> { type.GetString()! };
        foreach (var name in allowed.Where(t => t is not ("object" or "array" or "string" or "number" or "integer" or "boolean" or "null")))
            Fail(path, $"unsupported type '{name}' in {schema.Location}");

        var actual = KindName(instance);
        if (allowed.Contains(actual) || (actual == "integer" && allowed.Contains("number"))) return true;
        Fail(path, $"expected {string.Join(" or ", allowed)}, got {actual}");
        return false;
    }

    private void CheckString(SpecNode schema, string value, string path)
    {
        var s = schema.Element;
        var length = value.EnumerateRunes().Count();
        if (s.TryGetProperty("minLength", out var minLength) && length < minLength.GetInt32())
            Fail(path, $"string of length {length} is shorter than minLength {minLength.GetInt32()}");
        if (s.TryGetProperty("maxLength", out var maxLength) && length > maxLength.GetInt32())
            Fail(path, $"string of length {length} is longer than maxLength {maxLength.GetInt32()}");
        if (s.TryGetProperty("pattern", out var pattern) && !Patterns.Get(pattern.GetString()!).IsMatch(value))
            Fail(path, $"{Render(value)} does not match pattern {pattern.GetString()}");
        if (s.TryGetProperty("format", out var format)) CheckStringFormat(format.GetString()!, value, path, schema);
    }

    private void CheckStringFormat(string format, string value, string path, SpecNode schema)
    {
        bool ok;
        switch (format)
        {
            case "uuid": ok = UuidPattern().IsMatch(value); break;
            case "uri": ok = UriSchemePattern().IsMatch(value) && Uri.TryCreate(value, UriKind.Absolute, out _); break;
            case "date-time":
                ok = DateTimePattern().IsMatch(value)
                    && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
                break;
            case "date": ok = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _); break;
            // Numeric formats constrain numbers only.
            case "float" or "double" or "int32" or "int64": return;
            default: Fail(path, $"unsupported format '{format}' in {schema.Location}"); return;
        }
        if (!ok) Fail(path, $"{Render(value)} is not a valid {format}");
    }

    private void CheckNumber(SpecNode schema, JsonElement instance, string path)
    {
        var s = schema.Element;
        var value = Number(instance);
        if (s.TryGetProperty("minimum", out var minimum))
        {
            var exclusive = s.TryGetProperty("exclusiveMinimum", out var ex) && ex.ValueKind == JsonValueKind.True;
            if (exclusive ? value <= Number(minimum) : value < Number(minimum))
                Fail(path, $"{instance.GetRawText()} is below the {(exclusive ? "exclusive " : "")}minimum {minimum.GetRawText()}");
        }
        if (s.TryGetProperty("maximum", out var maximum))
        {
            var exclusive = s.TryGetProperty("exclusiveMaximum", out var ex) && ex.ValueKind == JsonValueKind.True;
            if (exclusive ? value >= Number(maximum) : value > Number(maximum))
                Fail(path, $"{instance.GetRawText()} is above the {(exclusive ? "exclusive " : "")}maximum {maximum.GetRawText()}");
        }
        if (s.TryGetProperty("exclusiveMinimum", out var exMin) && exMin.ValueKind == JsonValueKind.Number && value <= Number(exMin))
            Fail(path, $"{instance.GetRawText()} is not above the exclusiveMinimum {exMin.GetRawText()}");
        if (s.TryGetProperty("exclusiveMaximum", out var exMax) && exMax.ValueKind == JsonValueKind.Number && value >= Number(exMax))
            Fail(path, $"{instance.GetRawText()} is not below the exclusiveMaximum {exMax.GetRawText()}");
        if (s.TryGetProperty("multipleOf", out var multipleOf) && value % Number(multipleOf) != 0)
            Fail(path, $"{instance.GetRawText()} is not a multiple of {multipleOf.GetRawText()}");
        if (s.TryGetProperty("format", out var format))
        {
            switch (format.GetString())
            {
                case "int32" when KindName(instance) != "integer" || value < int.MinValue || value > int.MaxValue:
                case "int64" when KindName(instance) != "integer" || value < long.MinValue || value > long.MaxValue:
                    Fail(path, $"{instance.GetRawText()} is not a valid {format.GetString()}");
                    break;
                case "float" or "double" or "int32" or "int64": break;
                // String formats (uuid, uri, ...) constrain strings only.
                case "uuid" or "uri" or "date-time" or "date": break;
                default: Fail(path, $"unsupported format '{format.GetString()}' in {schema.Location}"); break;
            }
        }
    }

    private void CheckArray(SpecNode schema, JsonElement instance, string path)
    {
        var s = schema.Element;
        var count = instance.GetArrayLength();
        if (s.TryGetProperty("minItems", out var minItems) && count < minItems.GetInt32())
            Fail(path, $"array has {count} items, fewer than minItems {minItems.GetInt32()}");
        if (s.TryGetProperty("maxItems", out var maxItems) && count > maxItems.GetInt32())
            Fail(path, $"array has {count} items, more than maxItems {maxItems.GetInt32()}");
        if (s.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True)
        {
            var items = instance.EnumerateArray().ToList();
            for (var i = 0; i < items.Count; i++)
                for (var j = 0; j < i; j++)
                    if (JsonEquals(items[i], items[j])) Fail($"{path}[{i}]", $"duplicates item {j} (uniqueItems)");
        }
        if (schema.TryChild("items", out var items1))
        {
            var index = 0;
            foreach (var item in instance.EnumerateArray()) Check(items1, item, $"{path}[{index++}]");
        }
    }

    private void CheckObject(SpecNode schema, JsonElement instance, string path)
    {
        var s = schema.Element;
        if (s.TryGetProperty("required", out var required))
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                if (!instance.TryGetProperty(name, out _)) Fail(PropertyPath(path, name), "required property is missing");

        var count = 0;
        schema.TryChild("properties", out var properties);
        schema.TryChild("additionalProperties", out var additional);
        foreach (var property in instance.EnumerateObject())
        {
            count++;
            var propertyPath = PropertyPath(path, property.Name);
            if (properties.Element.ValueKind == JsonValueKind.Object && properties.TryChild(property.Name, out var propertySchema))
                Check(propertySchema, property.Value, propertyPath);
            else if (additional.Element.ValueKind == JsonValueKind.False)
                Fail(propertyPath, "property is not allowed (additionalProperties: false)");
            else if (additional.Element.ValueKind == JsonValueKind.Object)
                Check(additional, property.Value, propertyPath);
        }
        if (s.TryGetProperty("minProperties", out var minProperties) && count < minProperties.GetInt32())
            Fail(path, $"object has {count} properties, fewer than minProperties {minProperties.GetInt32()}");
        if (s.TryGetProperty("maxProperties", out var maxProperties) && count > maxProperties.GetInt32())
            Fail(path, $"object has {count} properties, more than maxProperties {maxProperties.GetInt32()}");
    }

    private static string PropertyPath(string path, string name) =>
        IdentifierPattern().IsMatch(name) ? $"{path}.{name}" : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    private static string KindName(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => Number(instance) % 1 == 0 ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => instance.ValueKind.ToString(),
    };

    /// <summary>Numbers compared exactly where <see cref="decimal"/> can hold them.</summary>
    private static decimal Number(JsonElement number)
    {
        if (number.TryGetDecimal(out var exact)) return exact;
        var approximate = number.GetDouble();
        return approximate > (double)decimal.MaxValue ? decimal.MaxValue
            : approximate < (double)decimal.MinValue ? decimal.MinValue
            : (decimal)approximate;
    }

    private static bool JsonEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number) return Number(a) == Number(b);
        if (a.ValueKind != b.ValueKind) return false;
        return a.ValueKind switch
        {
            JsonValueKind.String => a.GetString() == b.GetString(),
            JsonValueKind.Array => a.GetArrayLength() == b.GetArrayLength()
                && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => JsonEquals(p.First, p.Second)),
            JsonValueKind.Object => a.EnumerateObject().Count() == b.EnumerateObject().Count()
                && a.EnumerateObject().All(p => b.TryGetProperty(p.Name, out var other) && JsonEquals(p.Value, other)),
            _ => true,
        };
    }

    private static string Render(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 120 ? text : text[..117] + "...";
    }

    private static string Render(string value) => Render(JsonSerializer.SerializeToElement(value));

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex UuidPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex UriSchemePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimePattern();

    /// <summary>Compiled <c>pattern</c> regexes, built once each.</summary>
    private sealed class ConcurrentRegexCache
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> _cache = new(StringComparer.Ordinal);

        public Regex Get(string pattern) => _cache.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
    }
}

using System.Collections.Concurrent;
using System.Text.Json;

namespace OpenTabletop.Tests.Support;

/// <summary>A node inside one of the spec's YAML files: the file's full path, the JSON pointer to it and its value.</summary>
internal readonly record struct SpecNode(string File, string Pointer, JsonElement Element)
{
    public string Location => $"{System.IO.Path.GetRelativePath(SpecDocuments.SpecDirectory, File).Replace('\\', '/')}#{Pointer}";

    public SpecNode Child(string name) => new(File, $"{Pointer}/{SpecDocuments.EscapePointer(name)}", Element.GetProperty(name));

    public SpecNode Item(int index) => new(File, $"{Pointer}/{index}", Element[index]);

    public bool TryChild(string name, out SpecNode child)
    {
        if (Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out var value))
        {
            child = new(File, $"{Pointer}/{SpecDocuments.EscapePointer(name)}", value);
            return true;
        }
        child = default;
        return false;
    }
}

/// <summary>Loads the spec's YAML files once each (as JSON) and resolves <c>$ref</c>s relative to the referencing file.</summary>
internal static class SpecDocuments
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonElement>> Files = new(StringComparer.Ordinal);

    public static string SpecDirectory => System.IO.Path.GetFullPath(SpecFiles.Path("spec"));

    public static SpecNode Load(string relativeToSpec) =>
        LoadFile(System.IO.Path.GetFullPath(System.IO.Path.Combine(SpecDirectory, relativeToSpec)));

    public static SpecNode LoadFile(string fullPath)
    {
        var root = Files.GetOrAdd(fullPath, path => new Lazy<JsonElement>(() => Read(path))).Value;
        return new SpecNode(fullPath, "", root);
    }

    /// <summary>Resolves <paramref name="reference"/> (e.g. <c>'../schemas/Game.yaml#/Game'</c>, <c>'#/Link'</c>) against <paramref name="from"/>'s file.</summary>
    public static SpecNode Resolve(SpecNode from, string reference)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var filePart = Uri.UnescapeDataString(hash < 0 ? reference : reference[..hash]);
        var pointer = hash < 0 ? "" : Uri.UnescapeDataString(reference[(hash + 1)..]);
        var target = filePart.Length == 0
            ? LoadFile(from.File)
            : LoadFile(System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(from.File)!, filePart)));
        return Navigate(target, pointer, from, reference);
    }

    /// <summary>Follows <c>$ref</c> chains (a node that is only a reference, possibly with annotations) to the final node.</summary>
    public static SpecNode Follow(SpecNode node)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (node.Element.ValueKind == JsonValueKind.Object && node.Element.TryGetProperty("$ref", out var reference))
        {
            if (!seen.Add(node.Location)) throw new InvalidDataException($"Cyclic $ref chain at {node.Location}.");
            node = Resolve(node, reference.GetString() ?? throw new InvalidDataException($"Non-string $ref at {node.Location}."));
        }
        return node;
    }

    public static string EscapePointer(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static SpecNode Navigate(SpecNode root, string pointer, SpecNode from, string reference)
    {
        if (pointer.Length == 0) return root;
        if (pointer[0] != '/') throw new InvalidDataException($"Unsupported $ref '{reference}' at {from.Location}: only JSON pointers are supported.");
        var node = root;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node.Element.ValueKind == JsonValueKind.Object && node.TryChild(token, out var child)) node = child;
            else if (node.Element.ValueKind == JsonValueKind.Array && int.TryParse(token, out var index) && index >= 0 && index < node.Element.GetArrayLength())
                node = node.Item(index);
            else throw new InvalidDataException($"$ref '{reference}' at {from.Location} does not resolve: no '{token}' in {node.Location}.");
        }
        return node;
    }

    private static JsonElement Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Spec file not found: {path}", path);
        using var reader = new StreamReader(path);
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(reader);
        return SpecYaml.ToJsonElement(stream.Documents[0].RootNode);
    }
}

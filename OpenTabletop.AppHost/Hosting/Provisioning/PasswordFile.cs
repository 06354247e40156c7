using System.Security.Cryptography;

namespace OpenTabletop.AppHost.Hosting.Provisioning;

/// <summary>A generated password kept beside a server's data, so the data stays usable across restarts.</summary>
public static class PasswordFile
{
    public static string ReadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0)
            {
                return existing;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Letters and digits only, so it never needs quoting in a connection string.
        var password = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 24);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, options))
        {
            writer.WriteLine(password);
        }

        return password;
    }
}

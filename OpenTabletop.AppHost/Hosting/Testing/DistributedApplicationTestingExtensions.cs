using OpenTabletop.AppHost.Hosting.ApplicationModel;

namespace OpenTabletop.AppHost.Hosting.Testing;

public static class DistributedApplicationTestingExtensions
{
    /// <summary>An HttpClient whose BaseAddress is the project's endpoint (by default its http one).</summary>
    public static HttpClient CreateHttpClient(this DistributedApplication app, string resourceName, string? endpointName = null)
    {
        if (app.Model.Find(resourceName) is not ProcessResource project)
        {
            throw new ArgumentException($"'{resourceName}' is not a project with endpoints.", nameof(resourceName));
        }

        var endpoint = project.GetEndpoint(endpointName ?? "http");
        if (!endpoint.Exists)
        {
            throw new ArgumentException($"'{resourceName}' has no '{endpoint.EndpointName}' endpoint.", nameof(endpointName));
        }

        return new HttpClient { BaseAddress = new Uri(endpoint.Url) };
    }

    /// <summary>The connection string a referencing project receives, once the resource has been provided.</summary>
    public static async Task<string?> GetConnectionStringAsync(this DistributedApplication app, string resourceName, CancellationToken cancellationToken = default)
    {
        if (app.Model.Find(resourceName) is not IResourceWithConnectionString resource)
        {
            throw new ArgumentException($"'{resourceName}' has no connection string.", nameof(resourceName));
        }

        return await resource.GetConnectionStringAsync(cancellationToken);
    }
}

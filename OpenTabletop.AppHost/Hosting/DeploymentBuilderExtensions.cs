using OpenTabletop.AppHost.Hosting.ApplicationModel;

namespace OpenTabletop.AppHost.Hosting;

public static class DeploymentBuilderExtensions
{
    /// <summary>A secret only deployments must supply (see <see cref="DeploymentSecretAnnotation"/>); run mode ignores it.</summary>
    public static IResourceBuilder<T> WithDeploymentSecret<T>(this IResourceBuilder<T> builder, string environmentVariable, string parameterName, int generatedMinLength = 32)
        where T : IResourceWithEnvironment =>
        builder.WithAnnotation(new DeploymentSecretAnnotation(environmentVariable, parameterName, generatedMinLength));

    /// <summary>Publishes an optional CronJob that runs the project with <paramref name="arguments"/> instead of its Deployment.</summary>
    public static IResourceBuilder<T> WithCronJobAlternative<T>(this IResourceBuilder<T> builder, string schedule, params string[] arguments)
        where T : ProcessResource =>
        builder.WithAnnotation(new CronJobAlternativeAnnotation(schedule, arguments));
}

# OpenTabletop.Materializer image. Build from the repository root:
#   docker build -f deploy/docker/materializer.Dockerfile --build-arg GIT_SHA=$(git rev-parse --short=12 HEAD) \
#     -t REGISTRY/opentabletop-materializer:$(git rev-parse --short=12 HEAD) .
# Size target: under 120 MB compressed (the chiseled aspnet base is about 50 MB of it). Not built on the
# development machine or in CI (no Docker there): measure with `docker image ls` after the first build.

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
# Restore first, from the project files alone, so the layer survives source-only changes.
COPY Directory.Build.props Directory.Packages.props global.json ./
COPY OpenTabletop.ServiceDefaults/OpenTabletop.ServiceDefaults.csproj OpenTabletop.ServiceDefaults/
COPY OpenTabletop.Data/OpenTabletop.Data.csproj OpenTabletop.Data/
COPY OpenTabletop.Materializer/OpenTabletop.Materializer.csproj OpenTabletop.Materializer/
RUN dotnet restore OpenTabletop.Materializer/OpenTabletop.Materializer.csproj
COPY OpenTabletop.ServiceDefaults/ OpenTabletop.ServiceDefaults/
COPY OpenTabletop.Data/ OpenTabletop.Data/
COPY OpenTabletop.Materializer/ OpenTabletop.Materializer/
# .git is not in the context: the commit comes in as an argument and becomes the version /healthz reports.
ARG GIT_SHA=unknown
RUN dotnet publish OpenTabletop.Materializer/OpenTabletop.Materializer.csproj --no-restore -c Release -o /app \
    -p:UseAppHost=false -p:SourceRevisionId=${GIT_SHA}

# Chiseled: no shell, no package manager, non-root. Every service needs the ASP.NET Core shared
# framework (ServiceDefaults references it), so all three use the aspnet runtime image.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS final
WORKDIR /app
COPY --from=build /app ./
# The image's "app" user, by number so that Kubernetes' runAsNonRoot can verify it.
USER 1654
# The worker by default; the CronJob passes --once.
ENTRYPOINT ["dotnet", "OpenTabletop.Materializer.dll"]

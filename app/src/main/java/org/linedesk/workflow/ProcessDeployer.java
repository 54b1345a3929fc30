package org.linedesk.workflow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the BPMN and DMN files of {@code linedesk.processes-dir} at start-up (or, when that folder
 * does not exist, the copies packaged in the jar). Each file is checked first: a mistake stops the
 * start with the file, the element and the reason. Unchanged files make no new version: "unchanged"
 * means equal to what was last deployed from these files (deployment {@value #DEPLOYMENT_NAME}), not
 * to the newest version, so a version deployed from the studio stays the newest across restarts.
 */
@Component
@org.springframework.context.annotation.DependsOn("projectAdministration") // a folder per project needs the projects
class ProcessDeployer implements InitializingBean {

    static final String DEPLOYMENT_NAME = "linedesk-processes";
    private static final Logger log = LoggerFactory.getLogger(ProcessDeployer.class);

    private final RepositoryService repositoryService;
    private final ProcessModelCheck check;
    private final Path processesDir;
    private final Path slaDefinitionsDir;
    private final org.linedesk.project.ProjectDirectory projects;

    ProcessDeployer(RepositoryService repositoryService, ProcessModelCheck check, @Value("${linedesk.processes-dir}") Path processesDir,
                    @Value("${linedesk.sla-definitions-dir}") Path slaDefinitionsDir,
                    org.linedesk.project.ProjectDirectory projects) {
        this.projects = projects;
        this.repositoryService = repositoryService;
        this.check = check;
        this.processesDir = processesDir;
        this.slaDefinitionsDir = slaDefinitionsDir;
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        List<ProcessFile> files = new ArrayList<>(from(processesDir, "processes"));
        // Decision tables that belong to the SLA (the priority matrix) live with the SLA definitions.
        from(slaDefinitionsDir, "sla-definitions").stream().filter(f -> f.name().endsWith(".dmn")).forEach(files::add);
        if (files.stream().noneMatch(f -> f.name().endsWith(".bpmn"))) {
            throw new IllegalStateException("No process files found in " + processesDir.toAbsolutePath()
                    + " nor in the application; LineDesk needs at least processes/incident.bpmn");
        }
        checkAll(files);
        deploy(files, null);
        for (Map.Entry<String, List<ProcessFile>> own : projectFolders().entrySet()) {
            checkAll(own.getValue());
            deploy(own.getValue(), own.getKey());
        }
    }

    /**
     * processes/{project}/*.bpmn: a project's own processes, deployed with the project's key as the
     * engine's tenant id (its tickets start on them; other projects keep the shared ones). A folder named
     * after no project stops the start. Decisions stay shared.
     */
    private Map<String, List<ProcessFile>> projectFolders() throws IOException {
        Map<String, List<ProcessFile>> byProject = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (String project : projectFolderNames()) {
            ownFiles(project, from(processesDir.resolve(project), "processes/" + project), byProject, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidProcessException(String.join("\n", problems), null);
        }
        return byProject;
    }

    /** The sub-folders of processes/, or of the copy packaged in the jar when the folder does not exist. */
    private java.util.Set<String> projectFolderNames() throws IOException {
        java.util.Set<String> names = new java.util.TreeSet<>();
        if (Files.isDirectory(processesDir)) {
            try (Stream<Path> dirs = Files.list(processesDir)) {
                dirs.filter(Files::isDirectory).forEach(d -> names.add(d.getFileName().toString()));
            }
        } else {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/*/*")) {
                String folder = r.getURL().toString();
                folder = folder.substring(0, folder.lastIndexOf('/'));
                names.add(folder.substring(folder.lastIndexOf('/') + 1));
            }
        }
        return names;
    }

    private void ownFiles(String project, List<ProcessFile> files, Map<String, List<ProcessFile>> byProject,
                          List<String> problems) {
        if (files.isEmpty()) {
            return;
        }
        if (projects.find(project).isEmpty()) {
            problems.add("processes/" + project + "/: no project '" + project + "' (a folder in processes/ holds the "
                    + "processes of the project it is named after; see processes/projects.yaml)");
        } else if (files.stream().anyMatch(f -> f.name().endsWith(".dmn"))) {
            problems.add("processes/" + project + "/: decisions are shared by every project; keep .dmn files out of it");
        } else {
            byProject.put(project, files);
        }
    }

    private void deploy(List<ProcessFile> files, String project) {
        DeploymentBuilder deployment = repositoryService.createDeployment()
                .name(project == null ? DEPLOYMENT_NAME : DEPLOYMENT_NAME + "-" + project)
                .source("linedesk")
                .tenantId(project)
                .enableDuplicateFiltering(true);
        files.forEach(f -> deployment.addInputStream(f.name(), new ByteArrayInputStream(f.content())));
        DeploymentWithDefinitions deployed;
        try {
            deployed = deployment.deployWithResult();
        } catch (RuntimeException e) {
            throw new InvalidProcessException("The engine refused the process files "
                    + files.stream().map(ProcessFile::path).toList() + ": " + e.getMessage(), e);
        }
        List<ProcessDefinition> definitions = deployed.getDeployedProcessDefinitions();
        if (definitions == null || definitions.isEmpty()) {
            log.info("Process files unchanged; nothing new deployed ({} files checked)", files.size());
        } else {
            definitions.forEach(d -> log.info("Deployed process '{}' version {} from {}{}", d.getKey(), d.getVersion(),
                    d.getResourceName(), project == null ? "" : " for project " + project));
        }
    }

    /**
     * The same checks as a deployment from the studio; a mistake stops the start. Groups a file names
     * that do not exist yet are only logged (an administrator may create them after the first start).
     */
    private void checkAll(List<ProcessFile> files) {
        List<String> problems = new ArrayList<>();
        for (ProcessFile file : files) {
            ProcessModelCheck.Checked checked = check.check(file.name(), file.content());
            checked.problems().forEach(p -> problems.add(file.path() + ": " + p));
            checked.unknownGroups().forEach(p -> log.warn("{}: {} (create the group, or tickets sent there find no queue)",
                    file.path(), p));
        }
        if (!problems.isEmpty()) {
            throw new InvalidProcessException(String.join("\n", problems), null);
        }
    }

    /** The folder's BPMN/DMN files, or the copies packaged in the jar when the folder does not exist. */
    private static List<ProcessFile> from(Path dir, String packagedFolder) throws IOException {
        List<ProcessFile> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            log.info("Deploying process files from {}", dir.toAbsolutePath());
            try (Stream<Path> paths = Files.list(dir)) {
                for (Path p : paths.filter(ProcessDeployer::isProcessFile).toList()) {
                    files.add(new ProcessFile(packagedFolder, p.getFileName().toString(), Files.readAllBytes(p)));
                }
            }
        } else {
            log.info("Deploying the process files packaged in the application (classpath:{}/)", packagedFolder);
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:" + packagedFolder + "/*")) {
                String name = r.getFilename();
                if (name != null && isProcessFile(Path.of(name))) {
                    try (InputStream in = r.getInputStream()) {
                        files.add(new ProcessFile(packagedFolder, name, in.readAllBytes()));
                    }
                }
            }
        }
        files.sort(Comparator.comparing(ProcessFile::name));
        return files;
    }

    private static boolean isProcessFile(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".bpmn") || name.endsWith(".dmn");
    }

    /** One file to deploy, as read from the folder or the jar. */
    record ProcessFile(String folder, String name, byte[] content) {

        String path() {
            return folder + "/" + name;
        }
    }
}

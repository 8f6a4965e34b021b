<?php
// Imports files_accesscontrol rules (the JSON the nextcloud role renders) into Nextcloud's flow
// engine, through the same manager its admin settings use: each rule's system tags (by name) are
// created as restricted tags (visible, assignable by administrators only, as the workspace
// creates them) and put in as tag ids; a rule whose name exists already is left as it is.
// Run as the web server user: php import-access-rules.php <nextcloud folder> <rules.json>
// Prints "changed" when it added a rule.
declare(strict_types=1);

if ($argc !== 3) {
    fwrite(STDERR, "usage: import-access-rules.php <nextcloud folder> <rules.json>\n");
    exit(2);
}
require_once $argv[1] . '/lib/base.php';

use OCA\WorkflowEngine\Check\FileSystemTags;
use OCA\WorkflowEngine\Helper\ScopeContext;
use OCA\WorkflowEngine\Manager;
use OCP\SystemTag\ISystemTagManager;
use OCP\SystemTag\TagNotFoundException;
use OCP\WorkflowEngine\IManager;

$rules = json_decode((string) file_get_contents($argv[2]), true, 16, JSON_THROW_ON_ERROR);
$manager = \OCP\Server::get(Manager::class);
$tags = \OCP\Server::get(ISystemTagManager::class);
$scope = new ScopeContext(IManager::SCOPE_ADMIN);

$existing = [];
foreach ($manager->getAllOperations($scope) as $operations) {
    foreach ($operations as $operation) {
        $existing[$operation['name']] = true;
    }
}

$changed = false;
foreach ($rules as $rule) {
    if (isset($existing[$rule['name']])) {
        continue;
    }
    $checks = [];
    foreach ($rule['checks'] as $check) {
        if ($check['class'] === FileSystemTags::class) {
            try {
                $tag = $tags->getTag($check['value'], true, false);
            } catch (TagNotFoundException $e) {
                $tag = $tags->createTag($check['value'], true, false);
            }
            $check['value'] = (string) $tag->getId();
        }
        $checks[] = $check;
    }
    $manager->addOperation($rule['class'], $rule['name'], $checks, $rule['operation'], $scope,
        $rule['entity'], $rule['events']);
    $changed = true;
}
echo $changed ? "changed\n" : "unchanged\n";

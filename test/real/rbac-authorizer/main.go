// Kubernetes' RBAC authorizer (k8s.io/kubernetes v1.35.4 plugin/pkg/auth/authorizer/rbac) answering
// SubjectAccessReviews against the bindings cdk8s-headlamp renders, over the API server's bootstrap ClusterRoles
// (plugin/pkg/auth/authorizer/rbac/bootstrappolicy: view, edit, admin, cluster-admin, system:aggregate-to-*).
// Reads one JSON request on stdin: {"objects": [Role|ClusterRole|RoleBinding|ClusterRoleBinding...], "reviews":
// [{"user", "groups", "namespace", "verb", "group", "resource", "subresource", "name"}...]} and prints
// {"results": [{"allowed", "reason"}...]}, one per review, in order.
//
// Aggregated ClusterRoles (view, edit, admin) get their rules as kube-controller-manager's clusterrole-aggregation
// controller gives them (pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go, syncClusterRole:
// the rules of every ClusterRole matched by any aggregationRule selector, without duplicates).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"

	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apiserver/pkg/authentication/user"
	"k8s.io/apiserver/pkg/authorization/authorizer"
	"k8s.io/kubernetes/plugin/pkg/auth/authorizer/rbac"
	"k8s.io/kubernetes/plugin/pkg/auth/authorizer/rbac/bootstrappolicy"
)

type review struct {
	User        string   `json:"user"`
	Groups      []string `json:"groups"`
	Namespace   string   `json:"namespace"`
	Verb        string   `json:"verb"`
	Group       string   `json:"group"`
	Resource    string   `json:"resource"`
	Subresource string   `json:"subresource"`
	Name        string   `json:"name"`
}

type result struct {
	Allowed bool   `json:"allowed"`
	Reason  string `json:"reason,omitempty"`
}

// store holds the RBAC objects and implements the four lookups of the authorizer's rule resolver.
type store struct {
	roles               map[string]*rbacv1.Role // namespace/name
	roleBindings        []*rbacv1.RoleBinding
	clusterRoles        map[string]*rbacv1.ClusterRole
	clusterRoleBindings []*rbacv1.ClusterRoleBinding
}

func (s *store) GetRole(_ context.Context, namespace, name string) (*rbacv1.Role, error) {
	if r, ok := s.roles[namespace+"/"+name]; ok {
		return r, nil
	}
	return nil, apierrors.NewNotFound(rbacv1.Resource("roles"), name)
}

func (s *store) ListRoleBindings(_ context.Context, namespace string) ([]*rbacv1.RoleBinding, error) {
	var out []*rbacv1.RoleBinding
	for _, b := range s.roleBindings {
		if b.Namespace == namespace {
			out = append(out, b)
		}
	}
	return out, nil
}

func (s *store) GetClusterRole(_ context.Context, name string) (*rbacv1.ClusterRole, error) {
	if r, ok := s.clusterRoles[name]; ok {
		return r, nil
	}
	return nil, apierrors.NewNotFound(rbacv1.Resource("clusterroles"), name)
}

func (s *store) ListClusterRoleBindings(context.Context) ([]*rbacv1.ClusterRoleBinding, error) {
	return s.clusterRoleBindings, nil
}

func main() {
	var req struct {
		Objects []json.RawMessage `json:"objects"`
		Reviews []review          `json:"reviews"`
	}
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fail(err)
	}
	s := &store{roles: map[string]*rbacv1.Role{}, clusterRoles: map[string]*rbacv1.ClusterRole{}}
	for _, r := range bootstrappolicy.ClusterRoles() {
		s.clusterRoles[r.Name] = r.DeepCopy()
	}
	for _, raw := range req.Objects {
		if err := s.add(raw); err != nil {
			fail(err)
		}
	}
	aggregate(s.clusterRoles)
	authz := rbac.New(s, s, s, s)
	results := make([]result, 0, len(req.Reviews))
	for _, r := range req.Reviews {
		decision, reason, err := authz.Authorize(context.Background(), authorizer.AttributesRecord{
			User: &user.DefaultInfo{Name: r.User, Groups: r.Groups},
			Verb: r.Verb, Namespace: r.Namespace, APIGroup: r.Group, Resource: r.Resource,
			Subresource: r.Subresource, Name: r.Name, ResourceRequest: true,
		})
		if err != nil {
			reason = fmt.Sprintf("%s (%v)", reason, err)
		}
		results = append(results, result{Allowed: decision == authorizer.DecisionAllow, Reason: reason})
	}
	out, _ := json.Marshal(map[string]any{"results": results})
	fmt.Println(string(out))
}

func (s *store) add(raw json.RawMessage) error {
	var meta metav1.TypeMeta
	if err := json.Unmarshal(raw, &meta); err != nil {
		return err
	}
	switch meta.Kind {
	case "Role":
		r := &rbacv1.Role{}
		if err := json.Unmarshal(raw, r); err != nil {
			return err
		}
		s.roles[r.Namespace+"/"+r.Name] = r
	case "ClusterRole":
		r := &rbacv1.ClusterRole{}
		if err := json.Unmarshal(raw, r); err != nil {
			return err
		}
		s.clusterRoles[r.Name] = r
	case "RoleBinding":
		b := &rbacv1.RoleBinding{}
		if err := json.Unmarshal(raw, b); err != nil {
			return err
		}
		s.roleBindings = append(s.roleBindings, b)
	case "ClusterRoleBinding":
		b := &rbacv1.ClusterRoleBinding{}
		if err := json.Unmarshal(raw, b); err != nil {
			return err
		}
		s.clusterRoleBindings = append(s.clusterRoleBindings, b)
	default:
		return fmt.Errorf("not an RBAC object: %s", meta.Kind)
	}
	return nil
}

// aggregate fills each aggregated ClusterRole with the rules of the ClusterRoles its selectors match, aggregated
// ones included (edit aggregates view, admin aggregates edit), repeating until nothing changes as the controller's
// resyncs converge.
func aggregate(roles map[string]*rbacv1.ClusterRole) {
	names := make([]string, 0, len(roles))
	for n := range roles {
		names = append(names, n)
	}
	sort.Strings(names)
	for changed := true; changed; {
		changed = false
		for _, n := range names {
			target := roles[n]
			if target.AggregationRule == nil {
				continue
			}
			rules := aggregatedRules(roles, names, target)
			if !reflect.DeepEqual(rules, target.Rules) {
				target.Rules, changed = rules, true
			}
		}
	}
}

func aggregatedRules(roles map[string]*rbacv1.ClusterRole, names []string, target *rbacv1.ClusterRole) (
	rules []rbacv1.PolicyRule) {
	for _, sel := range target.AggregationRule.ClusterRoleSelectors {
		selector, err := metav1.LabelSelectorAsSelector(&sel)
		if err != nil {
			fail(err)
		}
		for _, m := range names {
			source := roles[m]
			if m == target.Name || !selector.Matches(labels.Set(source.Labels)) {
				continue
			}
			for _, rule := range source.Rules {
				if !containsRule(rules, rule) {
					rules = append(rules, rule)
				}
			}
		}
	}
	return rules
}

func containsRule(rules []rbacv1.PolicyRule, rule rbacv1.PolicyRule) bool {
	for _, r := range rules {
		if reflect.DeepEqual(r, rule) {
			return true
		}
	}
	return false
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"gopkg.in/yaml.v3"
)

// SetNetwork persists the selected network in the config file at path,
// keeping the file's comments and other settings.
func SetNetwork(path, name string) error {
	return editFile(path, func(root *yaml.Node) error {
		setScalar(root, KeyNetwork, name)
		return nil
	})
}

// AddNetwork writes (or replaces) a user-defined network in the config file
// at path, keeping the file's comments and other settings. Only fields that
// differ from the defaults are written.
func AddNetwork(path string, n Network) error {
	if err := ValidateNetworkName(n.Name); err != nil {
		return err
	}
	if errs := n.Validate(); len(errs) > 0 {
		return fmt.Errorf("network %s: %w", n.Name, errs[0])
	}
	return editFile(path, func(root *yaml.Node) error {
		nets := mappingChild(root, KeyNetworks)
		body := &yaml.Node{Kind: yaml.MappingNode}
		add := func(k string, v *yaml.Node) {
			body.Content = append(body.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, v)
		}
		scalar := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }
		seq := func(items []string) *yaml.Node {
			s := &yaml.Node{Kind: yaml.SequenceNode}
			for _, it := range items {
				s.Content = append(s.Content, scalar(it))
			}
			return s
		}
		add("chain-id", scalar(n.ChainID))
		add("rpc", seq(n.RPC))
		if len(n.GRPC) > 0 {
			add("grpc", seq(n.GRPC))
		}
		if len(n.REST) > 0 {
			add("rest", seq(n.REST))
		}
		if n.FeeDenom != DefaultFeeDenom {
			add("fee-denom", scalar(n.FeeDenom))
		}
		if n.GasPrice != DefaultGasPrice {
			gp := scalar(n.GasPrice)
			gp.Style = yaml.DoubleQuotedStyle
			add("gas-price", gp)
		}
		if n.GasAdjustment != DefaultGasAdjustment {
			add("gas-adjustment", scalar(strconv.FormatFloat(n.GasAdjustment, 'f', -1, 64)))
		}
		if n.DeploymentDenom != DefaultDeploymentDenom {
			add("deployment-denom", scalar(n.DeploymentDenom))
		}
		if n.Faucet != "" {
			add("faucet", scalar(n.Faucet))
		}
		if n.Explorer != "" {
			add("explorer", scalar(n.Explorer))
		}
		setChild(nets, n.Name, body)
		return nil
	})
}

func editFile(path string, edit func(root *yaml.Node) error) error {
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("reading config file %s: %w", path, err)
	}
	var doc yaml.Node
	if len(bytes.TrimSpace(data)) > 0 {
		if err := yaml.Unmarshal(data, &doc); err != nil {
			return fmt.Errorf("config file %s: %w", path, err)
		}
	}
	if len(doc.Content) == 0 {
		doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode}}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return fmt.Errorf("config file %s: expected a mapping of settings", path)
	}
	if err := edit(root); err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return fmt.Errorf("encoding config file %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("creating config directory: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o600); err != nil {
		return fmt.Errorf("writing config file %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("writing config file %s: %w", path, err)
	}
	return nil
}

func setScalar(m *yaml.Node, key, value string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			v := m.Content[i+1]
			v.Kind, v.Tag, v.Value, v.Content = yaml.ScalarNode, "", value, nil
			return
		}
	}
	m.Content = append(m.Content,
		&yaml.Node{Kind: yaml.ScalarNode, Value: key},
		&yaml.Node{Kind: yaml.ScalarNode, Value: value})
}

func mappingChild(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			if m.Content[i+1].Kind != yaml.MappingNode {
				m.Content[i+1] = &yaml.Node{Kind: yaml.MappingNode}
			}
			return m.Content[i+1]
		}
	}
	child := &yaml.Node{Kind: yaml.MappingNode}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, child)
	return child
}

func setChild(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
}

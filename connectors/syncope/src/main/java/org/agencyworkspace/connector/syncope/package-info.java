/** Client for the Apache Syncope core REST API (identity source of the workspace). */
package org.agencyworkspace.connector.syncope;
